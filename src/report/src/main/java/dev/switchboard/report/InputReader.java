package dev.switchboard.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.switchboard.core.cost.CostRecord;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;

/**
 * Reads one input (a file or stdin, gzip recognised by its magic bytes, so S3 exports work whatever their name)
 * and hands each cost record on. Line by line, except for a pretty-printed JSON document such as the output of
 * {@code aws logs filter-log-events} or {@code gcloud logging read --format=json}, which is read whole.
 */
final class InputReader {
    private static final ObjectReader DOCUMENT = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build()
            .readerFor(JsonNode.class);

    private InputReader() {}

    /** Reads to the end; a broken line never stops it, an I/O error does (and is noted in the stats). */
    static FileStats read(String name, InputStream raw, Consumer<CostRecord> records) {
        FileStats stats = new FileStats(name);
        try (BufferedReader in = new BufferedReader(new InputStreamReader(decompressed(raw), StandardCharsets.UTF_8))) {
            int lineNo = 0;
            String line;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (lineNo == 1 && line.startsWith("\uFEFF")) line = line.substring(1);
                if (line.isBlank()) continue;
                String s = line.strip();
                if (s.equals("{") || s.startsWith("[") && !s.endsWith("]")) {
                    readDocument(line, lineNo, in, stats, records);
                    break;
                }
                deliver(RecordDecoder.decodeLine(line), "line " + lineNo, stats, records);
            }
        } catch (IOException | UncheckedIOException e) {
            stats.failed(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        return stats;
    }

    private static InputStream decompressed(InputStream raw) throws IOException {
        BufferedInputStream in = new BufferedInputStream(raw, 64 * 1024);
        in.mark(2);
        int b1 = in.read();
        int b2 = in.read();
        in.reset();
        return b1 == 0x1f && b2 == 0x8b ? new GZIPInputStream(in, 64 * 1024) : in;
    }

    /** A multi-line JSON document from its first line on: read whole, possibly several values in a row. */
    private static void readDocument(
            String first, int firstLineNo, BufferedReader in, FileStats stats, Consumer<CostRecord> records)
            throws IOException {
        StringBuilder text =
                new StringBuilder("\n".repeat(firstLineNo - 1)).append(first).append('\n');
        char[] buf = new char[64 * 1024];
        for (int n; (n = in.read(buf)) > 0; ) text.append(buf, 0, n);
        int eventNo = 0;
        try (MappingIterator<JsonNode> values = DOCUMENT.readValues(text.toString())) {
            while (values.hasNextValue()) {
                List<RecordDecoder.Result> results = RecordDecoder.decodeValue(values.nextValue());
                for (RecordDecoder.Result r : results) {
                    deliver(List.of(r), "event " + (++eventNo), stats, records);
                }
            }
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null
                    ? "event " + (eventNo + 1)
                    : "line " + e.getLocation().getLineNr();
            stats.malformed(where, "not JSON (the rest of the document is skipped)");
        }
    }

    private static void deliver(
            List<RecordDecoder.Result> results, String where, FileStats stats, Consumer<CostRecord> records) {
        for (int i = 0; i < results.size(); i++) {
            String at = results.size() == 1 ? where : where + " event " + (i + 1);
            switch (results.get(i)) {
                case RecordDecoder.Result.Decoded d -> {
                    stats.record();
                    records.accept(d.record());
                }
                case RecordDecoder.Result.Malformed m -> stats.malformed(at, m.reason());
            }
        }
    }
}
