package dev.switchboard.gcp.batch.store;

import com.google.cloud.NoCredentials;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.StorageOptions;
import java.net.URI;
import java.util.Optional;

/** The Cloud Storage client: Application Default Credentials, or no credentials against a local endpoint. */
public final class GcsClients {
    private GcsClients() {}

    public static Storage storage(Optional<String> project, Optional<URI> endpoint) {
        StorageOptions.Builder b = StorageOptions.newBuilder();
        project.ifPresent(b::setProjectId);
        endpoint.ifPresent(e -> b.setHost(e.toString()).setCredentials(NoCredentials.getInstance()));
        return b.build().getService();
    }
}
