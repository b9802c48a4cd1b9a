package dev.switchboard.core.frontend;

import dev.switchboard.core.error.InvalidRequest;
import dev.switchboard.core.model.ChatRequest;
import dev.switchboard.core.model.ContentPart;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Limits on what a caller controls, shared by every front door and runtime (README, "Limits"). Identifiers end up
 * in response headers, cost lines, breaker keys and upstream URLs, so their length and characters are bounded
 * here, before any of that happens. The fixed caps are constants; what an operator may widen is a field.
 *
 * @param gcsImagePrefixes {@code gs://} image URL prefixes callers may use ({@code gs://bucket/}); any other
 *                         {@code gs://} URL is refused, because the provider's service account, not the caller,
 *                         would read it
 */
public record RequestLimits(List<String> gcsImagePrefixes) {
    public static final int MAX_MODEL = 256;
    public static final int MAX_USER = 256;
    public static final int MAX_TAG = 100;
    public static final int MAX_TAGS = 20;
    public static final int MAX_REQUEST_ID = 128;
    public static final int MAX_METADATA_KEYS = 16;
    public static final int MAX_METADATA_KEY = 64;
    public static final int MAX_METADATA_VALUE = 512;
    public static final int MAX_TRACE = 256;

    /** Provider ids, {@code /}, {@code .}, {@code :}, {@code @}, {@code -}, {@code _}: nothing a header or URL must escape. */
    private static final Pattern MODEL = Pattern.compile("[A-Za-z0-9/._:@-]+");

    private static final Pattern DOT_SEGMENT = Pattern.compile("(^|/)\\.{1,2}(/|$)");

    public static final RequestLimits DEFAULT = new RequestLimits(List.of());

    public RequestLimits {
        gcsImagePrefixes = gcsImagePrefixes == null ? List.of() : List.copyOf(gcsImagePrefixes);
    }

    /** A 400 naming {@code model} unless it is a safe identifier: bounded, of the documented charset, no dot segments. */
    public static String checkModel(String model) {
        if (model.length() > MAX_MODEL) {
            throw InvalidRequest.forParam(
                    "model",
                    "Invalid 'model': " + model.length() + " characters; at most " + MAX_MODEL + " are allowed.");
        }
        if (!MODEL.matcher(model).matches()) {
            throw InvalidRequest.forParam(
                    "model", "Invalid 'model': only letters, digits and / . : @ - _ are allowed.");
        }
        if (DOT_SEGMENT.matcher(model).find() || model.contains("//")) {
            throw InvalidRequest.forParam(
                    "model", "Invalid 'model': empty, '.' and '..' path segments are not allowed.");
        }
        return model;
    }

    /**
     * Only {@code application/json} bodies (any parameters, e.g. a charset) are read: a browser sends a
     * {@code text/plain} "simple request" cross-site without a preflight, which must not spend the operator's key.
     */
    public static void checkJsonContentType(String contentType) {
        String type = contentType == null ? "" : contentType.split(";", 2)[0].trim();
        if (!type.equalsIgnoreCase("application/json")) throw InvalidRequest.unsupportedMediaType(contentType);
    }

    /** A 400 naming {@code param} when a caller-chosen text is longer than {@code max}. */
    public static String checkLength(String value, int max, String param) {
        if (value != null && value.length() > max) {
            throw InvalidRequest.forParam(
                    param,
                    "Invalid '" + param + "': " + value.length() + " characters; at most " + max + " are allowed.");
        }
        return value;
    }

    /** Checks what only the whole canonical request shows: image URLs a provider would fetch with its own identity. */
    public void checkImages(ChatRequest request) {
        for (int m = 0; m < request.messages().size(); m++) {
            List<ContentPart> parts = request.messages().get(m).content();
            for (int p = 0; p < parts.size(); p++) {
                if (parts.get(p) instanceof ContentPart.Image img
                        && img.source() instanceof ContentPart.ImageSource.Url u) {
                    checkImageUrl(u.url(), "messages[" + m + "].content[" + p + "]");
                }
            }
        }
    }

    private void checkImageUrl(String url, String path) {
        String lower = url.toLowerCase(java.util.Locale.ROOT);
        if (lower.startsWith("https://") || lower.startsWith("http://")) return;
        if (lower.startsWith("gs://")) {
            if (gcsImagePrefixes.stream().anyMatch(url::startsWith)) return;
            throw InvalidRequest.forParam(
                    path,
                    "Invalid '" + path + "': gs:// image URLs are refused unless their "
                            + "bucket is allow-listed (switchboard.limits.gcs-image-prefixes).");
        }
        throw InvalidRequest.forParam(
                path, "Invalid '" + path + "': only https://, http:// and data: image URLs are " + "accepted.");
    }
}
