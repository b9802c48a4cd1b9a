package dev.switchboard.provider.gemini;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Tool-call ids for Gemini, which returns calls without ids. Gemini 3 also puts a {@code thoughtSignature} on
 * functionCall parts and rejects a later turn that does not send it back on that call; OpenAI-style clients echo
 * only the call id, so the signature rides inside it:
 *
 * <pre>
 *   call_&lt;24 random base62 chars&gt;                   no signature
 *   &lt;call id&gt;.ts1.&lt;signature&gt;                       signature bytes as URL-safe base64 without padding
 * </pre>
 *
 * <p>Decoding splits at the first {@code .ts1.}: the part before is the call id (sent as {@code functionCall.id}
 * and {@code functionResponse.id}), the part after goes back as the part's {@code thoughtSignature} (standard
 * base64, as the API sends it). URL-safe base64 keeps the id a plain token. Ids that do not carry the marker
 * (OpenAI's, a client's own) pass through unchanged. Signatures are opaque bytes signed by Google: carrying them
 * in the id exposes nothing the client did not already receive.
 */
public final class GeminiToolCallIds {
    static final String MARKER = ".ts1.";
    /**
     * Not ThreadLocalRandom: its seeds are derived from one static seeder that a SnapStart snapshot captures, so
     * every instance restored from one snapshot would hand out the same ids. SecureRandom mixes in fresh kernel
     * entropy on every draw.
     */
    private static final SecureRandom RANDOM = new SecureRandom();

    private static final char[] ALPHABET =
            "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();

    /** A call id split into what Gemini calls the id and the signature to send back (null when none). */
    public record Decoded(String callId, String thoughtSignature) {}

    private GeminiToolCallIds() {}

    /** A fresh id for a call the model made; {@code thoughtSignature} (base64, either alphabet) may be null. */
    public static String newId(String thoughtSignature) {
        StringBuilder sb = new StringBuilder("call_");
        for (int i = 0; i < 24; i++) sb.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
        return encode(sb.toString(), thoughtSignature);
    }

    /** {@code callId} with the signature appended; the id unchanged when there is no (readable) signature. */
    public static String encode(String callId, String thoughtSignature) {
        byte[] signature = decodeBase64(thoughtSignature);
        if (signature == null) return callId;
        return callId + MARKER + Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
    }

    public static Decoded decode(String id) {
        if (id == null) return new Decoded(null, null);
        int at = id.indexOf(MARKER);
        if (at < 0) return new Decoded(id, null);
        byte[] signature = decodeBase64(id.substring(at + MARKER.length()));
        if (signature == null) return new Decoded(id, null);
        return new Decoded(id.substring(0, at), Base64.getEncoder().encodeToString(signature));
    }

    /** Bytes of base64 text in the standard or the URL-safe alphabet, padded or not; null when not base64. */
    static byte[] decodeBase64(String text) {
        if (text == null || text.isEmpty()) return null;
        String s = text.replace('-', '+').replace('_', '/');
        try {
            return Base64.getDecoder().decode(s.length() % 4 == 0 ? s : s + "=".repeat(4 - s.length() % 4));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
