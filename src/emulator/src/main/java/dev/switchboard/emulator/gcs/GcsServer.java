package dev.switchboard.emulator.gcs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The few Cloud Storage JSON API operations a blob store uses, served on a loopback port for the real
 * {@code google-cloud-storage} client ({@code StorageOptions.setHost}, no credentials): upload (media and multipart,
 * with {@code ifGenerationMatch}), object metadata and media download, list with prefix and pages, delete. Buckets
 * exist when first written to. Preconditions are decided atomically, as GCS does: of two uploads with
 * {@code ifGenerationMatch=0} for one name, one gets 200 and the other 412.
 */
public final class GcsServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PAGE = 1000;

    private record StoredObject(byte[] data, long generation, String contentType) {}

    /** bucket + "\n" + name, so one sorted map keeps each bucket's names in order. */
    private final NavigableMap<String, StoredObject> objects = new ConcurrentSkipListMap<>();

    private final AtomicLong generations = new AtomicLong(1_700_000_000_000_000L);
    private final HttpServer server;

    private GcsServer(HttpServer server) {
        this.server = server;
    }

    public static GcsServer start() {
        try {
            HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            GcsServer gcs = new GcsServer(http);
            http.createContext("/", gcs::handle);
            http.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            http.start();
            return gcs;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The host to give the client ({@code StorageOptions.newBuilder().setHost(...)}). */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Content of an object, or null. */
    public byte[] read(String bucket, String name) {
        StoredObject o = objects.get(bucket + "\n" + name);
        return o == null ? null : o.data().clone();
    }

    /** Writes an object as an upload would (tests seed inputs with it); returns its generation. */
    public long write(String bucket, String name, byte[] data) {
        long generation = generations.incrementAndGet();
        objects.put(bucket + "\n" + name, new StoredObject(data.clone(), generation, "application/octet-stream"));
        return generation;
    }

    /** Names of the objects in {@code bucket} that start with {@code prefix}, in name order. */
    public List<String> names(String bucket, String prefix) {
        List<String> out = new ArrayList<>();
        for (String key : objects.tailMap(bucket + "\n" + prefix, true).keySet()) {
            if (!key.startsWith(bucket + "\n" + prefix)) break;
            out.add(key.substring(bucket.length() + 1));
        }
        return out;
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getRawPath();
            Map<String, String> query = query(ex.getRequestURI().getRawQuery());
            String method = ex.getRequestMethod();
            List<String> seg = segments(path);
            if (method.equals("POST")
                    && seg.size() == 6
                    && seg.get(0).equals("upload")
                    && seg.get(3).equals("b")
                    && seg.get(5).equals("o")) {
                upload(ex, seg.get(4), query);
            } else if (seg.size() == 5
                    && seg.get(0).equals("storage")
                    && seg.get(2).equals("b")
                    && seg.get(4).equals("o")
                    && method.equals("GET")) {
                list(ex, seg.get(3), query);
            } else if (method.equals("GET")
                    && seg.size() == 7
                    && seg.get(0).equals("download")
                    && seg.get(3).equals("b")
                    && seg.get(5).equals("o")) {
                get(ex, seg.get(4), seg.get(6), true);
            } else if (seg.size() == 6
                    && seg.get(0).equals("storage")
                    && seg.get(2).equals("b")
                    && seg.get(4).equals("o")) {
                String bucket = seg.get(3);
                String name = seg.get(5);
                switch (method) {
                    case "GET" -> get(ex, bucket, name, "media".equals(query.get("alt")));
                    case "DELETE" -> delete(ex, bucket, name);
                    default -> error(ex, 405, "method not allowed");
                }
            } else {
                error(ex, 501, "not served by this emulator: " + method + " " + path);
            }
        } catch (RuntimeException | IOException e) {
            error(ex, 500, ex.getRequestMethod() + " " + ex.getRequestURI() + ": " + e);
        }
    }

    private void upload(HttpExchange ex, String bucket, Map<String, String> query) throws IOException {
        byte[] body = ex.getRequestBody().readAllBytes();
        if ("gzip".equalsIgnoreCase(ex.getRequestHeaders().getFirst("Content-Encoding"))) {
            // the Java client gzips upload bodies
            body = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(body)).readAllBytes();
        }
        String type = ex.getRequestHeaders().getFirst("Content-Type");
        String name = query.get("name");
        String contentType = type;
        byte[] data = body;
        if ("multipart".equals(query.get("uploadType"))) {
            Multipart parts = Multipart.parse(body, type);
            JsonNode meta = JSON.readTree(parts.metadata());
            if (meta.hasNonNull("name")) name = meta.get("name").asText();
            contentType = parts.mediaType();
            data = parts.media();
        } else if (!"media".equals(query.get("uploadType"))) {
            error(ex, 501, "uploadType " + query.get("uploadType") + " is not served by this emulator");
            return;
        }
        if (name == null || name.isEmpty()) {
            error(ex, 400, "Required object name");
            return;
        }
        String ifGeneration = query.get("ifGenerationMatch");
        String key = bucket + "\n" + name;
        byte[] content = data;
        String ct = contentType == null ? "application/octet-stream" : contentType;
        StoredObject[] created = new StoredObject[1];
        // ConcurrentSkipListMap may apply this function more than once (a lost insert race is retried with the
        // winner's object), so only the application whose result is stored may report the create
        objects.compute(key, (k, existing) -> {
            created[0] = null;
            long current = existing == null ? 0 : existing.generation();
            if (ifGeneration != null && Long.parseLong(ifGeneration) != current) return existing;
            created[0] = new StoredObject(content, generations.incrementAndGet(), ct);
            return created[0];
        });
        if (created[0] == null) {
            preconditionFailed(ex);
            return;
        }
        json(ex, 200, resource(bucket, name, created[0]));
    }

    private void get(HttpExchange ex, String bucket, String name, boolean media) throws IOException {
        StoredObject o = objects.get(bucket + "\n" + name);
        if (o == null) {
            error(ex, 404, "No such object: " + bucket + "/" + name);
            return;
        }
        if (!media) {
            json(ex, 200, resource(bucket, name, o));
            return;
        }
        ex.getResponseHeaders().set("Content-Type", o.contentType());
        ex.getResponseHeaders().set("x-goog-generation", Long.toString(o.generation()));
        send(ex, 200, o.data());
    }

    private void list(HttpExchange ex, String bucket, Map<String, String> query) throws IOException {
        String prefix = query.getOrDefault("prefix", "");
        String after = query.get("pageToken");
        int max = query.containsKey("maxResults") ? Math.min(PAGE, Integer.parseInt(query.get("maxResults"))) : PAGE;
        String from = bucket + "\n" + (after != null ? after : prefix);
        ObjectNode out = JSON.createObjectNode().put("kind", "storage#objects");
        var items = out.putArray("items");
        String last = null;
        int n = 0;
        for (Map.Entry<String, StoredObject> e :
                objects.tailMap(from, after == null).entrySet()) {
            if (!e.getKey().startsWith(bucket + "\n")) break;
            String name = e.getKey().substring(bucket.length() + 1);
            if (!name.startsWith(prefix)) break;
            if (n == max) {
                out.put("nextPageToken", last);
                break;
            }
            items.add(resource(bucket, name, e.getValue()));
            last = name;
            n++;
        }
        json(ex, 200, out);
    }

    private void delete(HttpExchange ex, String bucket, String name) throws IOException {
        if (objects.remove(bucket + "\n" + name) == null) {
            error(ex, 404, "No such object: " + bucket + "/" + name);
            return;
        }
        ex.sendResponseHeaders(204, -1);
    }

    private ObjectNode resource(String bucket, String name, StoredObject o) {
        ObjectNode n = JSON.createObjectNode();
        n.put("kind", "storage#object")
                .put("id", bucket + "/" + name + "/" + o.generation())
                .put("name", name)
                .put("bucket", bucket)
                .put("generation", Long.toString(o.generation()))
                .put("metageneration", "1")
                .put("contentType", o.contentType())
                .put("size", Long.toString(o.data().length))
                .put("storageClass", "STANDARD")
                .put("timeCreated", "2026-01-01T00:00:00.000Z")
                .put("updated", "2026-01-01T00:00:00.000Z");
        return n;
    }

    private static void preconditionFailed(HttpExchange ex) throws IOException {
        ObjectNode n = JSON.createObjectNode();
        ObjectNode e = n.putObject("error")
                .put("code", 412)
                .put("message", "At least one of the pre-conditions you specified did not hold.");
        e.putArray("errors")
                .addObject()
                .put("domain", "global")
                .put("reason", "conditionNotMet")
                .put("message", "At least one of the pre-conditions you specified did not hold.")
                .put("locationType", "header")
                .put("location", "If-Match");
        json(ex, 412, n);
    }

    private static void error(HttpExchange ex, int status, String message) throws IOException {
        ObjectNode n = JSON.createObjectNode();
        ObjectNode e = n.putObject("error").put("code", status).put("message", message);
        e.putArray("errors")
                .addObject()
                .put("domain", "global")
                .put("reason", status == 404 ? "notFound" : "invalid")
                .put("message", message);
        json(ex, status, n);
    }

    private static void json(HttpExchange ex, int status, JsonNode body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
        send(ex, status, JSON.writeValueAsBytes(body));
    }

    private static void send(HttpExchange ex, int status, byte[] body) throws IOException {
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) ex.getResponseBody().write(body);
    }

    private static List<String> segments(String rawPath) {
        List<String> out = new ArrayList<>();
        for (String s : rawPath.split("/")) {
            if (!s.isEmpty()) out.add(URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8));
        }
        return out;
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> q = new LinkedHashMap<>();
        if (raw == null) return q;
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            q.put(k, v);
        }
        return q;
    }
}
