package floor;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Floor: one POST endpoint that forwards the body to the upstream with the JDK HttpClient. */
@Path("/v1/chat/completions")
public class Proxy {
    static final URI UP = URI.create(System.getProperty("switchboard.providers.fast.base-url") + "/chat/completions");
    static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @POST
    @Consumes("application/json")
    @Produces("application/json")
    public String post(String body) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(UP).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return CLIENT.send(req, HttpResponse.BodyHandlers.ofString()).body();
    }
}
