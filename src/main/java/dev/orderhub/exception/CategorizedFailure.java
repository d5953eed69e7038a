package dev.orderhub.exception;

/** A failure that knows which process-exception category it belongs to (mapping, EDI, …). */
public interface CategorizedFailure {
    ProcessException.Category category();
}
