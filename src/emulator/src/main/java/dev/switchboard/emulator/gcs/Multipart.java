package dev.switchboard.emulator.gcs;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A {@code multipart/related} upload body: the JSON metadata part, then the media part. */
record Multipart(byte[] metadata, String mediaType, byte[] media) {

    static Multipart parse(byte[] body, String contentType) {
        String boundary = null;
        for (String p : contentType.split(";")) {
            String t = p.trim();
            if (t.startsWith("boundary="))
                boundary = t.substring("boundary=".length()).replace("\"", "");
        }
        if (boundary == null) throw new IllegalArgumentException("multipart upload without a boundary");
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        int first = indexOf(body, delimiter, 0);
        int second = indexOf(body, delimiter, first + delimiter.length);
        int third = indexOf(body, delimiter, second + delimiter.length);
        if (first < 0 || second < 0 || third < 0)
            throw new IllegalArgumentException("multipart upload needs two parts");
        Part meta = part(body, first + delimiter.length, second);
        Part media = part(body, second + delimiter.length, third);
        return new Multipart(meta.content(), media.type(), media.content());
    }

    private record Part(String type, byte[] content) {}

    /** Headers, a blank line, the content, and the CRLF before the next delimiter. */
    private static Part part(byte[] body, int from, int to) {
        byte[] blank = "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
        int headersEnd = indexOf(body, blank, from);
        String headers = new String(body, from, headersEnd - from, StandardCharsets.ISO_8859_1);
        String type = "application/octet-stream";
        for (String line : headers.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("content-type")) {
                type = line.substring(colon + 1).trim();
            }
        }
        int start = headersEnd + blank.length;
        int end = to - 2; // CRLF before the delimiter
        return new Part(type, Arrays.copyOfRange(body, start, Math.max(start, end)));
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = Math.max(0, from); i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) if (haystack[i + j] != needle[j]) continue outer;
            return i;
        }
        return -1;
    }
}
