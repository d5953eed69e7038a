package dev.orderhub.report;

/** No invoice (or credit memo) of that number. */
public class DocumentNotFoundException extends RuntimeException {
    public DocumentNotFoundException(String kind, String number) {
        super("no " + kind + " " + number);
    }
}
