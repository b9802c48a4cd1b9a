package dev.switchboard.api.auth;

/** Where the SDKs put the gateway key. */
public final class Credentials {
    private Credentials() {}

    /**
     * The key from {@code Authorization: Bearer <key>} (OpenAI SDKs) or {@code x-api-key: <key>} (Anthropic SDKs);
     * Bearer wins when both are sent; null when neither carries one.
     */
    public static String fromHeaders(String authorization, String xApiKey) {
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String key = authorization.substring(7).strip();
            if (!key.isEmpty()) return key;
        }
        return xApiKey == null || xApiKey.isBlank() ? null : xApiKey.strip();
    }
}
