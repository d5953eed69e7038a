package dev.orderhub.report;

import java.util.Locale;

/** How a report is written: CSV (RFC 4180) or a JSON array of objects. */
public enum ReportFormat {
    CSV("text/csv;charset=UTF-8", "csv"),
    JSON("application/json", "json");

    private final String contentType;
    private final String extension;

    ReportFormat(String contentType, String extension) {
        this.contentType = contentType;
        this.extension = extension;
    }

    public String contentType() {
        return contentType;
    }

    public String extension() {
        return extension;
    }

    /** The format parameter's value; anything but csv or json is an {@link IllegalArgumentException}. */
    public static ReportFormat of(String value) {
        try {
            return valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("format must be csv or json");
        }
    }
}
