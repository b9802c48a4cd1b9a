package dev.switchboard.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The usage report CLI: reads cost records back from local JSONL, CloudWatch exports or the BigQuery export of
 * the Cloud Logging sink, and adds them up per provider, model, day and tag, or for one session.
 * See {@link ReportOptions#USAGE}.
 */
public final class UsageReport {
    static final int OK = 0;
    static final int UNREADABLE = 1;
    static final int USAGE = 2;

    private UsageReport() {}

    public static void main(String[] args) {
        int status = run(args, System.in, System.out, System.err);
        // exit only on failure: under `mvn exec:java` System.exit would also end Maven
        if (status != OK) System.exit(status);
    }

    /** Runs the report; returns the exit status. */
    public static int run(String[] args, InputStream stdin, PrintStream out, PrintStream err) {
        ReportOptions options;
        try {
            options = ReportOptions.parse(args);
        } catch (ReportOptions.UsageException e) {
            err.println("usage-report: " + e.getMessage());
            err.println("Try --help.");
            return USAGE;
        }
        if (options.help()) {
            out.print(ReportOptions.USAGE);
            out.flush();
            return OK;
        }
        UsageAggregator usage = new UsageAggregator(options.filter(), options.tables());
        List<FileStats> files = new ArrayList<>();
        boolean allRead = true;
        for (String input : options.inputs()) {
            FileStats stats = read(input, stdin, usage);
            if (stats.error() != null) {
                allRead = false;
                err.println("usage-report: " + stats.name() + ": " + stats.error());
            }
            files.add(stats);
        }
        TextReport.print(out, options, files, usage);
        out.flush();
        if (options.csv() != null) {
            try (Writer w = Files.newBufferedWriter(options.csv(), StandardCharsets.UTF_8)) {
                CsvReport.write(w, options.tables(), usage);
            } catch (IOException e) {
                err.println("usage-report: cannot write " + options.csv() + ": " + e.getMessage());
                return UNREADABLE;
            }
        }
        return allRead ? OK : UNREADABLE;
    }

    private static FileStats read(String input, InputStream stdin, UsageAggregator usage) {
        if (input.equals("-")) return InputReader.read("(stdin)", nonClosing(stdin), usage::add);
        Path path = Path.of(input);
        try (InputStream in = Files.newInputStream(path)) {
            return InputReader.read(input, in, usage::add);
        } catch (NoSuchFileException e) {
            return unreadable(input, "no such file");
        } catch (IOException e) {
            return unreadable(input, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private static FileStats unreadable(String name, String why) {
        FileStats s = new FileStats(name);
        s.failed(why);
        return s;
    }

    /** stdin belongs to the process, not to this report. */
    private static InputStream nonClosing(InputStream in) {
        return new java.io.FilterInputStream(in) {
            @Override
            public void close() {}
        };
    }
}
