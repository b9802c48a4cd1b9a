package dev.switchboard.api.batch;

import dev.switchboard.core.error.InvalidRequest;
import dev.switchboard.core.json.Json;
import io.quarkus.arc.properties.IfBuildProperty;
import io.smallrye.common.annotation.RunOnVirtualThread;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.Optional;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/**
 * OpenAI's Files API, as far as batches need it: upload a JSONL input ({@code purpose=batch}), read a file's object
 * and content (inputs and the output / error files of jobs), delete. Only in runtimes built with
 * {@code switchboard.batch.api.enabled=true} (the local server).
 */
@Path("/v1/files")
@IfBuildProperty(name = "switchboard.batch.api.enabled", stringValue = "true")
public class FilesResource {

    @Inject
    BatchFiles files;

    @Inject
    BatchConfig config;

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @RunOnVirtualThread
    public Response upload(@RestForm("file") FileUpload file, @RestForm("purpose") String purpose) {
        if (purpose == null || purpose.isBlank()) {
            throw InvalidRequest.forParam("purpose", "Missing required parameter: 'purpose'.");
        }
        if (!purpose.equals("batch")) {
            throw InvalidRequest.forParam(
                    "purpose",
                    "Invalid 'purpose': '" + purpose
                            + "'. This gateway stores files for batches only: use purpose=batch.");
        }
        if (file == null) throw InvalidRequest.forParam("file", "Missing required parameter: 'file'.");
        long max = config.maxFileSize().asLongValue();
        if (file.size() > max) {
            return BatchApiErrors.tooLarge("The file is " + file.size() + " bytes; at most " + max
                    + " are allowed (switchboard.batch.max-file-size).");
        }
        String name = file.fileName() == null || file.fileName().isBlank() ? "input.jsonl" : file.fileName();
        BatchFiles.StoredFile stored = files.save(file.uploadedFile(), name, purpose);
        return Response.ok(Json.bytes(stored.object()), MediaType.APPLICATION_JSON_TYPE)
                .build();
    }

    @GET
    @Path("/{id}")
    public Response get(@PathParam("id") String id) {
        return files.find(id)
                .map(f -> Response.ok(Json.bytes(f.object()), MediaType.APPLICATION_JSON_TYPE)
                        .build())
                .orElseGet(() -> notFound(id));
    }

    @GET
    @Path("/{id}/content")
    public Response content(@PathParam("id") String id) {
        Optional<BatchFiles.StoredFile> file = files.find(id);
        Optional<InputStream> in = file.flatMap(files::open);
        if (in.isEmpty()) return notFound(id);
        return Response.ok(in.get(), "application/jsonl").build();
    }

    @DELETE
    @Path("/{id}")
    public Response delete(@PathParam("id") String id) {
        if (!files.delete(id)) return notFound(id);
        return Response.ok(Json.bytes(BatchFiles.deleted(id)), MediaType.APPLICATION_JSON_TYPE)
                .build();
    }

    private static Response notFound(String id) {
        return BatchApiErrors.notFound("No such File object: " + id);
    }
}
