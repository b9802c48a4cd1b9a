package dev.switchboard.core.http;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;

/** The one check of a configured endpoint URL, with the message that names its config key. */
public final class HttpUrls {
    private HttpUrls() {}

    /** True for an absolute http or https URL with a host. */
    public static boolean isAbsoluteHttp(URI uri) {
        if (uri == null || uri.getHost() == null) return false;
        String scheme = uri.getScheme();
        return "http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme);
    }

    /** Why {@code value} of config key {@code key} is not a usable endpoint URL; empty when it is (or is unset). */
    public static Optional<String> problem(String key, Object value) {
        if (value == null) return Optional.empty();
        URI uri;
        try {
            uri = value instanceof URI u ? u : new URI(value.toString().trim());
        } catch (URISyntaxException e) {
            return Optional.of(key + ": '" + value + "' is not a valid URL");
        }
        return isAbsoluteHttp(uri)
                ? Optional.empty()
                : Optional.of(key + ": '" + value + "' is not an absolute http(s) URL");
    }
}
