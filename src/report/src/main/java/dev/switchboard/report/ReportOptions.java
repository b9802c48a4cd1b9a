package dev.switchboard.report;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The command line, parsed.
 *
 * @param inputs     files, or "-" for stdin
 * @param groupings  the tables asked for with --by; empty means the default
 * @param csv        where to write the grouped totals as CSV, or null
 */
record ReportOptions(List<String> inputs, RecordFilter filter, List<Grouping> groupings, Path csv, boolean help) {

    static final String USAGE = """
            Usage: UsageReport [options] FILE...      (FILE - is stdin)
              e.g. ./mvnw -q -pl src/core exec:java -Dexec.args="--from 2025-01-01 --by provider costs.jsonl.gz"

            Adds up Switchboard cost records (one per upstream attempt). Each line of each input is recognised on
            its own; .gz inputs are read as gzip:
              - local JSONL (the canonical cost record per line)
              - CloudWatch EMF lines, bare or behind an export's "2024-05-01T12:00:00.000Z " prefix
              - the JSON output of `aws logs filter-log-events` ({"events":[{"message": ...}]})
              - a BigQuery export of the Cloud Logging sink (NDJSON rows with jsonPayload), or
                `gcloud logging read --format=json`

            Options:
              --from YYYY-MM-DD   first day to count (UTC, inclusive)
              --to YYYY-MM-DD     last day to count (UTC, inclusive)
              --by GROUPING       provider, model, day, tag, key, tenant, batch or billing; repeat it or give a comma list
                                  (default: all four tables; with --session/--tag: none)
              --session PREFIX    session cost: only requests whose request_id starts with PREFIX
              --tag TAG           session cost: only requests carrying TAG (with --session: both must hold)
              --csv FILE          also write the grouped totals as CSV (with a header) to FILE
              --help              print this text

            Per group: requests (distinct request_id), attempts, ok and error attempts, input, output,
            cache-read, cache-write and reasoning tokens, cost in USD, and "unpriced": attempts whose price is
            unknown, which are not in the cost (never counted as $0). Records without tags count under
            (untagged); a record with several tags counts under each.

            Lines that are not cost records are counted and shown (first few per file), never fatal.
            Exit status: 0 when every input was read, 1 when an input could not be read, 2 for usage errors.
            """;

    /** A command line that cannot be run; the message says why. */
    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }

    static ReportOptions parse(String... args) throws UsageException {
        List<String> inputs = new ArrayList<>();
        Set<Grouping> groupings = new LinkedHashSet<>();
        LocalDate from = null;
        LocalDate to = null;
        String session = null;
        String tag = null;
        Path csv = null;
        boolean optionsEnded = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (optionsEnded || arg.equals("-") || !arg.startsWith("-")) {
                inputs.add(arg);
                continue;
            }
            String name = arg;
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            }
            switch (name) {
                case "--" -> optionsEnded = true;
                case "-h", "--help" -> {
                    return new ReportOptions(List.of(), RecordFilter.ALL, List.of(), null, true);
                }
                case "--from", "--to", "--by", "--session", "--tag", "--csv" -> {
                    if (value == null) {
                        if (i + 1 >= args.length) throw new UsageException(name + " needs a value");
                        value = args[++i];
                    }
                    switch (name) {
                        case "--from" -> from = date(name, value);
                        case "--to" -> to = date(name, value);
                        case "--by" -> groupings.addAll(groupings(value));
                        case "--session" -> session = nonBlank(name, value);
                        case "--tag" -> tag = nonBlank(name, value);
                        default -> csv = Path.of(nonBlank(name, value));
                    }
                }
                default -> throw new UsageException("unknown option " + arg);
            }
        }
        if (inputs.isEmpty()) throw new UsageException("no input: give one or more files, or - for stdin");
        if (from != null && to != null && from.isAfter(to)) {
            throw new UsageException("--from " + from + " is after --to " + to);
        }
        return new ReportOptions(
                List.copyOf(inputs), new RecordFilter(from, to, session, tag), List.copyOf(groupings), csv, false);
    }

    /** The tables to print: as asked, else all four, except that a session cost alone prints none. */
    List<Grouping> tables() {
        if (!groupings.isEmpty()) return groupings;
        return filter.isSession() ? List.of() : Grouping.DEFAULTS;
    }

    private static LocalDate date(String option, String value) throws UsageException {
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new UsageException(option + " wants a date as YYYY-MM-DD, not '" + value + "'");
        }
    }

    private static List<Grouping> groupings(String value) throws UsageException {
        List<Grouping> out = new ArrayList<>();
        for (String part : value.split(",")) {
            if (part.isBlank()) continue;
            try {
                out.add(Grouping.parse(part));
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
        }
        if (out.isEmpty())
            throw new UsageException("--by needs provider, model, day, tag, key, tenant, batch or billing");
        return out;
    }

    private static String nonBlank(String option, String value) throws UsageException {
        if (value.isBlank()) throw new UsageException(option + " needs a non-empty value");
        return value;
    }
}
