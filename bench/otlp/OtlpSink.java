import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A stand-in OTLP/HTTP collector for the telemetry-overhead benchmark: reads each export (traces, metrics, logs) and
 * answers 200 with an empty body, counting bytes. Loopback only. Run: java bench/otlp/OtlpSink.java [port]
 */
public class OtlpSink {
    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 4318;
        AtomicLong requests = new AtomicLong();
        AtomicLong bytes = new AtomicLong();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        server.setExecutor(Executors.newSingleThreadExecutor());
        server.createContext("/", ex -> {
            bytes.addAndGet(ex.getRequestBody().readAllBytes().length);
            requests.incrementAndGet();
            ex.getResponseHeaders().set("content-type", "application/x-protobuf");
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        Runtime.getRuntime().addShutdownHook(new Thread(() ->
                System.out.println("otlp sink: " + requests.get() + " exports, " + bytes.get() + " bytes")));
        server.start();
        System.out.println("otlp sink on 127.0.0.1:" + port);
    }
}
