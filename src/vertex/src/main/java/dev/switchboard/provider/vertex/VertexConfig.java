package dev.switchboard.provider.vertex;

import dev.switchboard.core.error.InvalidRequest;
import java.util.regex.Pattern;

/**
 * Where Vertex AI is: project and location, optionally an endpoint override (host:port, e.g. a private endpoint
 * or a local gRPC server) spoken in plaintext without credentials when {@code plaintext} is set.
 */
record VertexConfig(String project, String location, String endpoint, boolean plaintext) {
    /** Regions (us-central1), multi-regions (us, eu) and global. */
    static final Pattern LOCATION = Pattern.compile("[a-z]+(-[a-z0-9]+)*");

    static final Pattern ENDPOINT = Pattern.compile("[A-Za-z0-9.\\-\\[\\]:]+:[0-9]{1,5}");
    private static final Pattern MODEL = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]*");

    /** {location}-aiplatform.googleapis.com:443; the global location has no regional host. */
    String effectiveEndpoint() {
        if (endpoint != null && !endpoint.isBlank()) return endpoint;
        return "global".equals(location)
                ? "aiplatform.googleapis.com:443"
                : location + "-aiplatform.googleapis.com:443";
    }

    /**
     * projects/{project}/locations/{location}/publishers/google/models/{model}. A full resource name
     * ("projects/...") is used as given, a "publishers/..." name gets the project and location prefix.
     */
    String modelResource(String model) {
        String prefix = "projects/" + project + "/locations/" + location + "/";
        if (model != null && (model.contains("..") || model.contains("//"))) {
            throw InvalidRequest.forParam(
                    "model",
                    "Invalid model id for provider type vertex: path segments '..' and "
                            + "empty ones are not allowed.");
        }
        // the service account may reach other projects: a caller may name resources of the configured one only
        if (model != null && model.startsWith("projects/")) {
            if (!model.startsWith("projects/" + project + "/")) {
                throw InvalidRequest.forParam(
                        "model",
                        "Invalid model for provider type vertex: only resources of the "
                                + "configured project are allowed.");
            }
            return model;
        }
        if (model != null && model.startsWith("publishers/")) {
            if (model.contains("/projects/")) {
                throw InvalidRequest.forParam(
                        "model",
                        "Invalid model for provider type vertex: a publishers/ name may " + "not name a project.");
            }
            return prefix + model;
        }
        if (model == null || !MODEL.matcher(model).matches()) {
            throw InvalidRequest.forParam("model", "Invalid model id for provider type vertex: '" + model + "'.");
        }
        return prefix + "publishers/google/models/" + model;
    }
}
