package dev.switchboard.report;

import java.util.ArrayList;
import java.util.List;

/** What one input yielded: records, and the malformed lines with the first few places and reasons. */
final class FileStats {
    static final int SAMPLES = 5;

    private final String name;
    private final List<String> samples = new ArrayList<>();
    private long records;
    private long malformed;
    private String error;

    FileStats(String name) {
        this.name = name;
    }

    void record() {
        records++;
    }

    void malformed(String where, String reason) {
        malformed++;
        if (samples.size() < SAMPLES) samples.add(where + ": " + reason);
    }

    /** The input could not be read (at all, or past some point). */
    void failed(String error) {
        this.error = error;
    }

    String name() {
        return name;
    }

    long records() {
        return records;
    }

    long malformed() {
        return malformed;
    }

    List<String> samples() {
        return List.copyOf(samples);
    }

    String error() {
        return error;
    }
}
