package dev.orderhub.order;

import java.util.List;
import java.util.stream.Collectors;

/** A submitted order broke the contract; carries every field error at once. Permanent: never retried. */
public class OrderValidationException extends RuntimeException {
    private final transient List<FieldError> errors;

    public OrderValidationException(List<FieldError> errors) {
        super(errors.stream().map(e -> e.field() + ": " + e.message()).collect(Collectors.joining("; ")));
        this.errors = List.copyOf(errors);
    }

    public List<FieldError> errors() {
        return errors;
    }
}
