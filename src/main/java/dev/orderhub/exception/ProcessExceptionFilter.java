package dev.orderhub.exception;

import java.time.Instant;

/** Filters of the exception list and of bulk retry; null matches everything. */
public record ProcessExceptionFilter(
        ProcessException.Status status,
        ProcessException.Category category,
        ProcessException.Level severity,
        String orderId,
        Instant from,
        Instant to) {}
