package dev.switchboard.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.json.Json;
import dev.switchboard.core.nativebatch.NativeJob;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A native job's {@code native.json}: where its lines go (decided at validation) and, once submitted, the provider
 * job as last seen, with the handles the provider's API needs to read results or cancel.
 *
 * @param job null until the provider job exists
 */
record NativeState(NativePlanner.Target target, NativeJob job) {

    NativeState withJob(NativeJob j) {
        return new NativeState(target, j);
    }

    byte[] toBytes() {
        ObjectNode n = Json.object();
        n.put("provider", target.provider());
        n.put("model", target.model());
        if (target.route() != null) n.put("route", target.route());
        if (job != null) {
            ObjectNode j = n.putObject("job");
            j.put("provider", job.provider());
            j.put("provider_job_id", job.providerJobId());
            if (job.jobId() != null) j.put("job_id", job.jobId());
            j.put("state", job.state().name());
            putInt(j, "total", job.total());
            putInt(j, "succeeded", job.succeeded());
            putInt(j, "failed", job.failed());
            if (job.message() != null) j.put("message", job.message());
            ObjectNode h = j.putObject("handles");
            job.handles().forEach(h::put);
        }
        return Json.bytes(n);
    }

    static NativeState fromBytes(byte[] bytes) {
        JsonNode n = Json.parse(bytes);
        NativePlanner.Target target =
                new NativePlanner.Target(Json.text(n, "provider"), Json.text(n, "model"), Json.text(n, "route"));
        JsonNode j = n.get("job");
        if (j == null || j.isNull()) return new NativeState(target, null);
        Map<String, String> handles = new LinkedHashMap<>();
        JsonNode h = j.get("handles");
        if (h != null && h.isObject())
            h.fields()
                    .forEachRemaining(f -> handles.put(f.getKey(), f.getValue().asText()));
        return new NativeState(
                target,
                new NativeJob(
                        Json.text(j, "provider"),
                        Json.text(j, "provider_job_id"),
                        Json.text(j, "job_id"),
                        NativeJob.State.valueOf(Json.text(j, "state")),
                        intOrNull(j, "total"),
                        intOrNull(j, "succeeded"),
                        intOrNull(j, "failed"),
                        Json.text(j, "message"),
                        handles));
    }

    private static void putInt(ObjectNode n, String field, Integer v) {
        if (v != null) n.put(field, v);
    }

    private static Integer intOrNull(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.intValue();
    }
}
