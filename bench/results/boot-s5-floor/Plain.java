import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.Executors;

/** Floor without a framework: JDK HttpServer + JDK HttpClient proxy. */
public class Plain {
    public static void main(String[] a) throws Exception {
        URI up = URI.create(System.getProperty("switchboard.providers.fast.base-url") + "/chat/completions");
        HttpClient c = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpServer s = HttpServer.create(new InetSocketAddress(System.getProperty("quarkus.http.host"),
                Integer.getInteger("quarkus.http.port")), 128);
        s.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        s.createContext("/v1/chat/completions", ex -> {
            try {
                byte[] body = ex.getRequestBody().readAllBytes();
                byte[] r = c.send(HttpRequest.newBuilder(up).header("content-type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofByteArray()).body();
                ex.getResponseHeaders().set("content-type", "application/json");
                ex.sendResponseHeaders(200, r.length);
                ex.getResponseBody().write(r);
            } catch (Exception e) { ex.sendResponseHeaders(502, -1); }
            ex.close();
        });
        s.start();
    }
}
