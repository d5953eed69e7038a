package dev.orderhub.exception;

import java.time.Instant;

/** A message that failed before it became an order, as the error policy hands it over. */
public record FailedMessage(
        Throwable cause,
        ProcessException.Source source,
        ProcessException.Original original,
        String description,
        String externalReference,
        int attempts,
        Instant firstFailure,
        String replayOf) {}
