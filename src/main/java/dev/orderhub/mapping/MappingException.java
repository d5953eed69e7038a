package dev.orderhub.mapping;

import dev.orderhub.exception.CategorizedFailure;
import dev.orderhub.exception.PermanentFailure;
import dev.orderhub.exception.ProcessException;

/**
 * A channel's input could not be turned into a canonical order: a mapping failed, is unknown, or the input could not
 * be read (malformed XML or CSV, a refused DOCTYPE). Permanent: retrying the same input fails the same way.
 */
public class MappingException extends PermanentFailure implements CategorizedFailure {
    private final String mapping;
    private final String input;
    private final int position;

    public MappingException(String message) {
        this(message, null, null, -1, null);
    }

    public MappingException(String message, Throwable cause) {
        this(message, null, null, -1, cause);
    }

    /**
     * @param mapping  the mapping's name, or null when no mapping was involved (e.g. a reader failed)
     * @param input    a short description of the input, e.g. {@code "orders.csv rows 2-4"}, or null
     * @param position the character offset in the expression, or -1 when unknown
     */
    MappingException(String message, String mapping, String input, int position, Throwable cause) {
        super(message, cause);
        this.mapping = mapping;
        this.input = input;
        this.position = position;
    }

    /** The mapping's name, or null. */
    String mapping() {
        return mapping;
    }

    /** The caller's description of the input, or null. */
    String input() {
        return input;
    }

    /** The character offset in the mapping's expression where JSONata reported the error, or -1. */
    int position() {
        return position;
    }

    @Override
    public ProcessException.Category category() {
        return ProcessException.Category.MAPPING;
    }
}
