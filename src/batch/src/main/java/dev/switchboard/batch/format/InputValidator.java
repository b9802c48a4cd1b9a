package dev.switchboard.batch.format;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a whole input file before anything runs: every line must be a well-formed request, custom ids unique, the
 * file and each line within {@link BatchLimits}. One pass, one line in memory at a time.
 */
public final class InputValidator {

    /**
     * @param requests     well-formed request lines (blank lines are not requests)
     * @param errors       the first {@code maxErrors} problems, in file order
     * @param totalErrors  how many problems there were in all
     */
    public record Result(int requests, long bytes, List<ValidationError> errors, int totalErrors) {
        public boolean valid() {
            return totalErrors == 0;
        }
    }

    private InputValidator() {}

    public static Result validate(InputStream input, BatchLimits limits, BatchEndpoint required) throws IOException {
        List<ValidationError> errors = new ArrayList<>();
        int[] total = {0};
        Map<String, Integer> seen = new HashMap<>();
        int requests = 0;
        long bytes;
        try (LineReader reader = new LineReader(input, limits.maxLineBytes())) {
            LineReader.Line line;
            while ((line = reader.next()) != null) {
                if (reader.bytesRead() > limits.maxFileBytes()) {
                    add(
                            errors,
                            total,
                            limits,
                            new ValidationError(
                                    "file_too_large",
                                    "The file is larger than the " + limits.maxFileBytes() + " bytes allowed.",
                                    null,
                                    null));
                    break;
                }
                if (line.oversized()) {
                    add(
                            errors,
                            total,
                            limits,
                            new ValidationError(
                                    "line_too_large",
                                    "This line is " + line.length() + " bytes long; at most " + limits.maxLineBytes()
                                            + " are allowed.",
                                    null,
                                    line.number()));
                    continue;
                }
                if (line.blank()) continue;
                requests++;
                if (requests == limits.maxLines() + 1) {
                    add(
                            errors,
                            total,
                            limits,
                            new ValidationError(
                                    "too_many_requests",
                                    "The file has more than " + limits.maxLines() + " requests.",
                                    null,
                                    line.number()));
                }
                try {
                    BatchLine parsed = BatchLine.parse(line.number(), line.bytes(), required);
                    Integer first = seen.putIfAbsent(parsed.customId(), line.number());
                    if (first != null) {
                        add(
                                errors,
                                total,
                                limits,
                                new ValidationError(
                                        "duplicate_custom_id",
                                        "The custom_id '" + abbreviate(parsed.customId()) + "' is already used on line "
                                                + first + ".",
                                        "custom_id",
                                        line.number()));
                    }
                } catch (BatchLine.Malformed m) {
                    add(errors, total, limits, m.error());
                }
            }
            bytes = reader.bytesRead();
        }
        if (requests == 0 && total[0] == 0) {
            add(errors, total, limits, new ValidationError("empty_file", "The file holds no requests.", null, null));
        }
        return new Result(requests, bytes, List.copyOf(errors), total[0]);
    }

    private static void add(List<ValidationError> errors, int[] total, BatchLimits limits, ValidationError e) {
        total[0]++;
        if (errors.size() < limits.maxErrors()) errors.add(e);
    }

    private static String abbreviate(String s) {
        return s.length() <= 64 ? s : s.substring(0, 64) + "...";
    }
}
