package dev.switchboard.core.gateway;

import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * What the gateway knows about a caller's request besides its body.
 *
 * @param receivedNanos  System.nanoTime() when the request arrived (for the gateway's own overhead)
 * @param tags           cost-attribution tags (x-switchboard-tags header, the user field)
 * @param trace          trace context to put on cost records (e.g. X-Cloud-Trace-Context)
 * @param batchJobId     set for requests of a batch job
 * @param keyId          the gateway key's id (never the key) when the caller authenticated with one
 * @param tenant         that key's tenant
 */
public record RequestContext(
        String requestId,
        long receivedNanos,
        List<String> tags,
        String trace,
        String batchJobId,
        String keyId,
        String tenant) {
    public RequestContext {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    public RequestContext(String requestId, long receivedNanos, List<String> tags, String trace, String batchJobId) {
        this(requestId, receivedNanos, tags, trace, batchJobId, null, null);
    }

    /** This context attributed to a gateway key: its id and tenant, its tags first. */
    public RequestContext withKey(String newKeyId, String newTenant, List<String> keyTags) {
        List<String> all = new java.util.ArrayList<>(keyTags);
        tags.stream().filter(t -> !all.contains(t)).forEach(all::add);
        return new RequestContext(requestId, receivedNanos, all, trace, batchJobId, newKeyId, newTenant);
    }

    public static RequestContext of(String requestId) {
        return new RequestContext(requestId, System.nanoTime(), List.of(), null, null);
    }

    private static final HexFormat HEX = HexFormat.of();

    public static String newRequestId() {
        UUID u = UUID.randomUUID();
        // the UUID's 32 hex digits without dashes, formatted directly (no toString and replace per request)
        return "req_" + HEX.toHexDigits(u.getMostSignificantBits()) + HEX.toHexDigits(u.getLeastSignificantBits());
    }
}
