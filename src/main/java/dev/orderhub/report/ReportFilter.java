package dev.orderhub.report;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * What a report covers: from (inclusive) and to (exclusive) as instants, the order's channel and account; null is no
 * limit. A date for from is its first instant (UTC); a date for to takes in that whole day.
 */
public record ReportFilter(Instant from, Instant to, String channel, String account) {

    public ReportFilter {
        if (from != null && to != null && !from.isBefore(to)) {
            throw new IllegalArgumentException("from must be before to");
        }
    }

    /** From the request parameters; a malformed from or to is an {@link IllegalArgumentException}. */
    public static ReportFilter parse(String from, String to, String channel, String account) {
        return new ReportFilter(
                instant("from", from, false), instant("to", to, true), blankToNull(channel), blankToNull(account));
    }

    private static Instant instant(String name, String value, boolean endOfDay) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            if (value.length() == "2026-12-01".length()) {
                LocalDate date = LocalDate.parse(value);
                return (endOfDay ? date.plusDays(1) : date)
                        .atStartOfDay(ZoneOffset.UTC)
                        .toInstant();
            }
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    name + " must be a date (2026-12-01) or an instant (2026-12-01T08:00:00Z)");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
