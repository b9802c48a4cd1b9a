package dev.switchboard.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Gateway key strings: {@code sb-<id>-<secret>}. The secret is base62 (never a {@code -}), so the id is everything
 * between {@code sb-} and the last {@code -}. Stored form: {@code sha256:<hex of the whole key string>}.
 */
public final class ApiKeys {

    public static final String PREFIX = "sb-";
    public static final String HASH_PREFIX = "sha256:";
    static final int SECRET_LENGTH = 40; // 40 base62 chars ≈ 238 bits
    private static final int MAX_KEY_LENGTH = 200;
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.]([A-Za-z0-9_.-]{0,62}[A-Za-z0-9_.])?");
    private static final Pattern SECRET = Pattern.compile("[A-Za-z0-9]{16,128}");
    private static final Pattern HASH = Pattern.compile("sha256:[0-9a-f]{64}");
    private static final char[] BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiKeys() {}

    /** A key as presented by a caller, split; {@code key} is the whole string (a secret: never log it). */
    public record Presented(String id, String key) {
        @Override
        public String toString() {
            return "Presented[id=" + id + "]";
        }
    }

    public static boolean isValidId(String id) {
        return id != null && ID.matcher(id).matches();
    }

    static void requireValidId(String id) {
        if (!isValidId(id)) {
            throw new IllegalArgumentException(
                    "key id must be 1-64 of [A-Za-z0-9_.-], not starting or ending with" + " '-', was '" + id + "'");
        }
    }

    public static boolean isHash(String hash) {
        return hash != null && HASH.matcher(hash).matches();
    }

    /** A new random key for {@code id}. */
    public static String generate(String id) {
        requireValidId(id);
        char[] secret = new char[SECRET_LENGTH];
        for (int i = 0; i < secret.length; i++) {
            secret[i] = BASE62[RANDOM.nextInt(BASE62.length)];
        }
        return PREFIX + id + "-" + new String(secret);
    }

    /** Splits a presented key; empty when it is not shaped like one (then it is simply unknown: 401). */
    public static Optional<Presented> parse(String key) {
        if (key == null || key.length() > MAX_KEY_LENGTH || !key.startsWith(PREFIX)) {
            return Optional.empty();
        }
        int dash = key.lastIndexOf('-');
        if (dash <= PREFIX.length()) {
            return Optional.empty();
        }
        String id = key.substring(PREFIX.length(), dash);
        String secret = key.substring(dash + 1);
        if (!isValidId(id) || !SECRET.matcher(secret).matches()) {
            return Optional.empty();
        }
        return Optional.of(new Presented(id, key));
    }

    public static String hash(String key) {
        return HASH_PREFIX + HexFormat.of().formatHex(sha256(key));
    }

    /** Constant-time (in the key's content) comparison of a presented key against a stored hash. */
    public static boolean matches(String storedHash, String presentedKey) {
        if (!isHash(storedHash) || presentedKey == null) {
            return false;
        }
        byte[] expected = HexFormat.of().parseHex(storedHash.substring(HASH_PREFIX.length()));
        return MessageDigest.isEqual(expected, sha256(presentedKey));
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
