package dev.switchboard.core.pricing;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.core.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A versioned price table: the snapshot bundled at {@value #RESOURCE} (derived from LiteLLM's table by
 * {@code deploy/pricing/derive.py}; never fetched over the network), or a file in the same format.
 *
 * @param version  identifies the prices used: every cost record carries it
 * @param license  the licence notice the table is distributed under (LiteLLM's MIT notice for the bundled one)
 */
public record PriceTable(String version, String source, String license, Map<String, PriceEntry> models) {
    public static final String RESOURCE = "/switchboard/pricing/prices.json";

    public PriceTable {
        Objects.requireNonNull(version, "version");
        models = Map.copyOf(models);
    }

    /** The bundled snapshot, parsed once on first use. */
    public static PriceTable bundled() {
        return Bundled.TABLE;
    }

    /**
     * The bundled snapshot's header (version and entry count) without parsing its models: a fresh instance knows
     * the version its cost records carry before the first price lookup parses the table.
     */
    public static Header bundledHeader() {
        return BundledHeader.HEADER;
    }

    /** What a table file says about itself before its models; {@code entries} is -1 when it does not say. */
    public record Header(String version, int entries) {}

    /** Reads a table file; its version is its {@code version} field, else {@code file-<sha256 prefix>}. */
    public static PriceTable read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read price file " + file, e);
        }
        return read(bytes, file.toString());
    }

    public static PriceTable read(byte[] json, String origin) {
        JsonNode root;
        try {
            root = Json.parse(json);
        } catch (UncheckedIOException e) {
            throw new IllegalArgumentException(
                    origin + ": malformed JSON: " + e.getCause().getMessage(), e);
        }
        // hashed only when the file names no version (the bundled table does: no 300 KB digest at cold start)
        return PriceTableReader.read(root, origin, () -> "file-" + sha256(json).substring(0, 8));
    }

    public Optional<PriceEntry> entry(String key) {
        return Optional.ofNullable(models.get(key));
    }

    public int size() {
        return models.size();
    }

    /** This table with {@code newer}'s entries replacing same-key ones; the version names both. */
    public PriceTable mergedWith(PriceTable newer) {
        Map<String, PriceEntry> merged = new LinkedHashMap<>(models);
        merged.putAll(newer.models());
        return new PriceTable(version + "+" + newer.version(), source, license, merged);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static InputStream openBundled() {
        InputStream in = PriceTable.class.getResourceAsStream(RESOURCE);
        if (in == null) throw new IllegalStateException("bundled price table " + RESOURCE + " is missing");
        return in;
    }

    private static final class Bundled {
        static final PriceTable TABLE = load();

        private static PriceTable load() {
            try (InputStream in = openBundled()) {
                return read(in.readAllBytes(), RESOURCE);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static final class BundledHeader {
        static final Header HEADER = load();

        // streams the top-level fields before "models" (the first ~2 KB): no tree, no ObjectMapper
        private static Header load() {
            String version = null;
            int entries = -1;
            try (InputStream in = openBundled();
                    JsonParser p = JsonFactory.builder()
                            .streamReadConstraints(Json.READ_LIMITS)
                            .build()
                            .createParser(in)) {
                if (p.nextToken() != JsonToken.START_OBJECT)
                    throw new IllegalStateException(RESOURCE + ": not an object");
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    if (name.equals("models")) break;
                    JsonToken value = p.nextToken();
                    if (name.equals("version") && value == JsonToken.VALUE_STRING) version = p.getText();
                    else if (name.equals("entries") && value == JsonToken.VALUE_NUMBER_INT) entries = p.getIntValue();
                    else p.skipChildren();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            // the bundled table always names its version (derive.py writes it first); without one, parse it all
            return version == null
                    ? new Header(Bundled.TABLE.version(), Bundled.TABLE.size())
                    : new Header(version, entries);
        }
    }
}
