package dev.switchboard.core.gateway;

import java.util.List;
import java.util.UUID;

/**
 * What the gateway knows about a caller's request besides its body.
 *
 * @param receivedNanos  System.nanoTime() when the request arrived (for the gateway's own overhead)
 * @param tags           cost-attribution tags (x-switchboard-tags header, the user field)
 * @param trace          trace context to put on cost records (e.g. X-Cloud-Trace-Context)
 * @param batchJobId     set for requests of a batch job
 */
public record RequestContext(String requestId, long receivedNanos, List<String> tags, String trace, String batchJobId) {
    public RequestContext {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    public static RequestContext of(String requestId) {
        return new RequestContext(requestId, System.nanoTime(), List.of(), null, null);
    }

    public static String newRequestId() {
        return "req_" + UUID.randomUUID().toString().replace("-", "");
    }
}
