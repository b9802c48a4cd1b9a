package dev.switchboard.report;

import dev.switchboard.core.cost.CostRecord;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * Which records count: a UTC date range (both ends inclusive, either open) and, for a session cost, a
 * request-id prefix and/or a tag.
 */
record RecordFilter(LocalDate from, LocalDate to, String sessionPrefix, String tag) {
    static final RecordFilter ALL = new RecordFilter(null, null, null, null);

    boolean isSession() {
        return sessionPrefix != null || tag != null;
    }

    boolean matches(CostRecord r) {
        LocalDate day = r.timestamp().atOffset(ZoneOffset.UTC).toLocalDate();
        if (from != null && day.isBefore(from)) return false;
        if (to != null && day.isAfter(to)) return false;
        if (sessionPrefix != null && !r.requestId().startsWith(sessionPrefix)) return false;
        return tag == null || r.tags().contains(tag);
    }
}
