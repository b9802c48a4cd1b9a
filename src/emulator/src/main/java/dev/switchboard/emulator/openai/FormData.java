package dev.switchboard.emulator.openai;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A {@code multipart/form-data} body (file uploads): its parts by field name. */
record FormData(Map<String, Part> parts) {

    /** One field: its file name (null for a plain field) and content. */
    record Part(String filename, byte[] content) {
        String text() {
            return new String(content, StandardCharsets.UTF_8);
        }
    }

    private static final Pattern NAME = Pattern.compile("(?i)\\bname=\"([^\"]*)\"");
    private static final Pattern FILENAME = Pattern.compile("(?i)\\bfilename=\"([^\"]*)\"");

    static FormData parse(byte[] body, String contentType) {
        String boundary = null;
        for (String p : (contentType == null ? "" : contentType).split(";")) {
            String t = p.trim();
            if (t.regionMatches(true, 0, "boundary=", 0, 9))
                boundary = t.substring(9).replace("\"", "");
        }
        if (boundary == null) throw new IllegalArgumentException("expected multipart/form-data with a boundary");
        // ISO-8859-1 maps every byte to one char, so string offsets are byte offsets
        String raw = new String(body, StandardCharsets.ISO_8859_1);
        String delimiter = "--" + boundary;
        Map<String, Part> parts = new LinkedHashMap<>();
        int at = raw.indexOf(delimiter);
        while (at >= 0) {
            int from = at + delimiter.length();
            if (raw.startsWith("--", from)) break; // the closing delimiter
            int next = raw.indexOf(delimiter, from);
            if (next < 0) break;
            int headersEnd = raw.indexOf("\r\n\r\n", from);
            if (headersEnd < 0 || headersEnd > next) throw new IllegalArgumentException("a part without headers");
            String headers = new String(body, from, headersEnd - from, StandardCharsets.UTF_8);
            Matcher name = NAME.matcher(headers);
            if (name.find()) {
                Matcher file = FILENAME.matcher(headers);
                int start = headersEnd + 4;
                int end = Math.max(start, next - 2); // the CRLF before the delimiter
                parts.put(
                        name.group(1),
                        new Part(file.find() ? file.group(1) : null, Arrays.copyOfRange(body, start, end)));
            }
            at = next;
        }
        return new FormData(parts);
    }
}
