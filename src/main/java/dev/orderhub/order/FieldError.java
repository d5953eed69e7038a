package dev.orderhub.order;

/** One problem with one field, e.g. {@code lines[1].quantity: must be greater than 0}. */
public record FieldError(String field, String message) {}
