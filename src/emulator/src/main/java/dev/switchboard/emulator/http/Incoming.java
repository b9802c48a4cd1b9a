package dev.switchboard.emulator.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;

/**
 * A request matched to a route, its body already read.
 *
 * @param json the body parsed as JSON; null when empty or not JSON
 */
public record Incoming(HttpExchange exchange, Matcher match, byte[] body, JsonNode json) {

    public String method() {
        return exchange.getRequestMethod();
    }

    /** Raw path plus query, as recorded; a Gemini {@code key=} credential in the query is redacted. */
    public String pathAndQuery() {
        String q = exchange.getRequestURI().getRawQuery();
        return exchange.getRequestURI().getRawPath()
                + (q == null ? "" : "?" + q.replaceAll("(^|&)key=[^&]*", "$1key=REDACTED"));
    }

    /** A path group, percent-decoded (Bedrock model ids arrive as {@code ...-v1%3A0}). */
    public String pathParam(int group) {
        return percentDecode(match.group(group));
    }

    public String header(String name) {
        return exchange.getRequestHeaders().getFirst(name);
    }

    public String queryParam(String name) {
        String q = exchange.getRequestURI().getRawQuery();
        if (q == null) {
            return null;
        }
        for (String pair : q.split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            if (percentDecode(key).equals(name)) {
                return eq < 0 ? "" : percentDecode(pair.substring(eq + 1));
            }
        }
        return null;
    }

    /** RFC 3986 decoding; unlike URLDecoder it leaves '+' alone. */
    static String percentDecode(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = 0;
        while (i < s.length()) {
            int hi = i + 2 < s.length() && s.charAt(i) == '%' ? Character.digit(s.charAt(i + 1), 16) : -1;
            int lo = hi >= 0 ? Character.digit(s.charAt(i + 2), 16) : -1;
            if (lo >= 0) {
                out.write(hi * 16 + lo);
                i += 3;
            } else {
                int cp = s.codePointAt(i);
                out.writeBytes(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
                i += Character.charCount(cp);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
