import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;

/**
 * The benchmark's upstream: a minimal OpenAI-compatible server that answers every {@code POST} (in practice
 * {@code /v1/chat/completions}) with one small fixed chat completion (or, when the request body asks for
 * {@code "stream":true}, a fixed event stream of {@code -Dchunks=100} one-token chunks; {@code -Dtokens=N} makes the
 * non-streamed answer N words long), and every {@code GET} with a one-model listing, as cheaply as possible, so that it is never the bottleneck of the gateway benchmark.
 *
 * <p>One thread, one NIO selector, HTTP/1.1 keep-alive with pipelining, requests framed by Content-Length
 * (which both wrk and the JDK HttpClient send). No allocation per request beyond what NIO does. Run with
 * {@code java bench/upstream/FastUpstream.java PORT} (single-file source launch, no build needed).
 */
public final class FastUpstream {
    /** The words answers are made of (declared first: the answers below are built from them). */
    static final String[] WORDS = {" The", " gateway", " answers", " with", " a", " short", " streamed", " reply", "."};
    /** Prompt tokens the upstream reports for a sized answer (about what chat-app.lua's request is). */
    static final int APP_PROMPT_TOKENS = 520;
    /** Words of a non-streamed answer (system property {@code tokens}; 0, the default: the short fixed answer). */
    static final int TOKENS = Integer.getInteger("tokens", 0);
    static final byte[] COMPLETION = TOKENS > 0
            ? completion(words(TOKENS).strip(), APP_PROMPT_TOKENS, TOKENS)
            : completion("Hello from the benchmark upstream.", 12, 6);
    static final byte[] MODELS = ("{\"object\":\"list\",\"data\":[{\"id\":\"bench-1\",\"object\":\"model\","
            + "\"created\":1700000000,\"owned_by\":\"bench\"}]}").getBytes(StandardCharsets.US_ASCII);
    static final byte[] POST_REPLY = reply(COMPLETION);
    static final byte[] GET_REPLY = reply(MODELS);
    /** Content chunks of a streamed answer (system property {@code chunks}, default 100: a short answer). */
    static final int CHUNKS = Integer.getInteger("chunks", 100);
    static final byte[] STREAM_REPLY = reply(stream(CHUNKS), "text/event-stream");
    static final byte[] STREAM_FLAG = "\"stream\":true".getBytes(StandardCharsets.US_ASCII);

    /** A non-streamed chat completion of {@code content}, with its usage. */
    static byte[] completion(String content, int promptTokens, int completionTokens) {
        return ("{\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion\",\"created\":1700000000,"
                        + "\"model\":\"bench-1\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
                        + "\"content\":\"" + content + "\"},\"finish_reason\":\"stop\"}],"
                        + usage(promptTokens, completionTokens) + "}")
                .getBytes(StandardCharsets.US_ASCII);
    }

    /** The {@code usage} member as OpenAI writes it. */
    static String usage(int promptTokens, int completionTokens) {
        return "\"usage\":{\"prompt_tokens\":" + promptTokens + ",\"completion_tokens\":" + completionTokens
                + ",\"total_tokens\":" + (promptTokens + completionTokens) + "}";
    }

    /** The i-th word of an answer. */
    static String word(int i) {
        return WORDS[i % WORDS.length];
    }

    /** The first {@code n} words of an answer, each with its leading space. */
    static String words(int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) b.append(word(i));
        return b.toString();
    }

    static byte[] reply(byte[] body) {
        return reply(body, "application/json");
    }

    /**
     * A streamed chat completion as OpenAI sends it: a role chunk, {@code chunks} one-token content chunks, a chunk
     * with the finish reason, a usage chunk (asked for with {@code stream_options.include_usage}) and {@code [DONE]};
     * framed by Content-Length, which HTTP/1.1 allows for an event stream of known length.
     */
    static byte[] stream(int chunks) {
        String head = "data: {\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,"
                + "\"model\":\"bench-1\",\"choices\":[";
        StringBuilder b = new StringBuilder(head)
                .append("{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":null}]}\n\n");
        for (int i = 0; i < chunks; i++) {
            b.append(head).append("{\"index\":0,\"delta\":{\"content\":\"").append(word(i))
                    .append("\"},\"finish_reason\":null}]}\n\n");
        }
        b.append(head).append("{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n");
        b.append(head).append("],").append(usage(APP_PROMPT_TOKENS, chunks)).append("}\n\ndata: [DONE]\n\n");
        return b.toString().getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] reply(byte[] body, String contentType) {
        byte[] head = ("HTTP/1.1 200 OK\r\ncontent-type: " + contentType + "\r\ncontent-length: " + body.length
                + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[head.length + body.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(body, 0, all, head.length, body.length);
        return all;
    }

    /** Per-connection state: bytes read but not yet consumed, and bytes still to write. */
    static final class Conn {
        ByteBuffer in = ByteBuffer.allocate(16 * 1024);
        ByteBuffer out = ByteBuffer.allocate(16 * 1024);
    }

    public static void main(String[] args) throws IOException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 18081;
        Selector selector = Selector.open();
        ServerSocketChannel server = ServerSocketChannel.open();
        server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
        server.bind(new InetSocketAddress("127.0.0.1", port), 1024);
        server.configureBlocking(false);
        server.register(selector, SelectionKey.OP_ACCEPT);
        System.out.println("FastUpstream listening on http://127.0.0.1:" + port + "/v1");
        System.out.flush();
        while (true) {
            selector.select();
            Iterator<SelectionKey> it = selector.selectedKeys().iterator();
            while (it.hasNext()) {
                SelectionKey key = it.next();
                it.remove();
                try {
                    if (!key.isValid()) continue;
                    if (key.isAcceptable()) {
                        SocketChannel ch;
                        while ((ch = server.accept()) != null) {
                            ch.configureBlocking(false);
                            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
                            ch.register(selector, SelectionKey.OP_READ, new Conn());
                        }
                        continue;
                    }
                    SocketChannel ch = (SocketChannel) key.channel();
                    Conn c = (Conn) key.attachment();
                    if (key.isWritable()) {
                        flush(key, ch, c);
                        continue;
                    }
                    if (key.isReadable()) {
                        if (!c.in.hasRemaining()) c.in = grow(c.in);
                        int n = ch.read(c.in);
                        if (n < 0) {
                            key.cancel();
                            ch.close();
                            continue;
                        }
                        serve(c);
                        flush(key, ch, c);
                    }
                } catch (IOException e) {
                    key.cancel();
                    key.channel().close();
                }
            }
        }
    }

    /** Answers every complete request in the input buffer, compacting what is left of an incomplete one. */
    static void serve(Conn c) {
        ByteBuffer in = c.in;
        byte[] a = in.array();
        int limit = in.position();
        int start = 0;
        while (true) {
            int headEnd = indexOfCrlfCrlf(a, start, limit);
            if (headEnd < 0) break;
            long length = contentLength(a, start, headEnd);
            if (length < 0) length = 0;
            long end = headEnd + 4 + length;
            if (end > limit) {
                if (end - start > in.capacity()) {
                    // body larger than the buffer: grow, keep reading
                    ByteBuffer bigger = ByteBuffer.allocate((int) (end - start) + 1024);
                    bigger.put(a, start, limit - start);
                    c.in = bigger;
                    return;
                }
                break;
            }
            byte[] r = a[start] == 'G'
                    ? GET_REPLY
                    : indexOf(a, headEnd + 4, (int) end, STREAM_FLAG) >= 0 ? STREAM_REPLY : POST_REPLY;
            if (c.out.remaining() < r.length) c.out = grow(c.out, r.length);
            c.out.put(r);
            start = (int) end;
        }
        if (start > 0) {
            System.arraycopy(a, start, a, 0, limit - start);
            in.position(limit - start);
        }
    }

    static void flush(SelectionKey key, SocketChannel ch, Conn c) throws IOException {
        c.out.flip();
        ch.write(c.out);
        boolean left = c.out.hasRemaining();
        c.out.compact();
        key.interestOps(left ? SelectionKey.OP_WRITE : SelectionKey.OP_READ);
    }

    static int indexOf(byte[] a, int from, int to, byte[] what) {
        outer:
        for (int i = from; i + what.length <= to; i++) {
            for (int k = 0; k < what.length; k++) if (a[i + k] != what[k]) continue outer;
            return i;
        }
        return -1;
    }

    static int indexOfCrlfCrlf(byte[] a, int from, int to) {
        for (int i = from; i + 3 < to; i++) {
            if (a[i] == '\r' && a[i + 1] == '\n' && a[i + 2] == '\r' && a[i + 3] == '\n') return i;
        }
        return -1;
    }

    /** The Content-Length header's value between from and headEnd, or -1 when there is none. */
    static long contentLength(byte[] a, int from, int headEnd) {
        final byte[] name = "content-length:".getBytes(StandardCharsets.US_ASCII);
        for (int i = from; i < headEnd; i++) {
            if (a[i] != '\n') continue;
            int j = i + 1;
            int k = 0;
            while (k < name.length && j + k < headEnd && (a[j + k] | 0x20) == name[k]) k++;
            if (k < name.length) continue;
            int p = j + k;
            while (p < headEnd && a[p] == ' ') p++;
            long v = 0;
            while (p < headEnd && a[p] >= '0' && a[p] <= '9') v = v * 10 + (a[p++] - '0');
            return v;
        }
        return -1;
    }

    static ByteBuffer grow(ByteBuffer b) {
        return grow(b, b.capacity());
    }

    static ByteBuffer grow(ByteBuffer b, int extra) {
        ByteBuffer bigger = ByteBuffer.allocate(b.capacity() + Math.max(extra, b.capacity()));
        b.flip();
        bigger.put(b);
        return bigger;
    }
}
