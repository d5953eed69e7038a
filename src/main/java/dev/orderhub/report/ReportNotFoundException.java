package dev.orderhub.report;

/** No report of that name. */
public class ReportNotFoundException extends RuntimeException {
    public ReportNotFoundException(String name, Iterable<String> known) {
        super("no report named " + name + "; the reports are " + String.join(", ", known));
    }
}
