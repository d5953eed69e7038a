package dev.orderhub.exception;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A process exception: anything that interrupted normal processing, with where it happened and, for a message
 * that never became an order, the original message for replay.
 */
public record ProcessException(
        String number,
        Category category,
        Level severity,
        Level priority,
        Status status,
        AttachedTo attachedTo,
        String message,
        String description,
        String externalReference,
        Source source,
        String failedStep,
        String errorClass,
        boolean transientFailure,
        int attempts,
        Instant firstFailure,
        Instant lastFailure,
        Original original,
        Instant createdAt,
        Instant updatedAt,
        List<HistoryEntry> history) {

    /** What kind of processing failed. */
    public enum Category {
        VALIDATION,
        MAPPING,
        PAYMENT,
        TAX,
        FULFILLMENT,
        INVOICING,
        ORDER_APPROVAL,
        CONNECTOR,
        EDI,
        LIFECYCLE
    }

    /** HIGH or LOW, for severity and priority. */
    public enum Level {
        HIGH,
        LOW
    }

    /** NEW, TRIAGED and PAUSED are active: they hold their order; the others are closed. */
    public enum Status {
        NEW,
        TRIAGED,
        PAUSED,
        IGNORED,
        VOIDED,
        RESOLVED;

        private static final List<String> ACTIVE_NAMES =
                Stream.of(values()).filter(Status::active).map(Enum::name).toList();

        public boolean active() {
            return this == NEW || this == TRIAGED || this == PAUSED;
        }

        /** The names of the active statuses, for queries. */
        public static List<String> activeNames() {
            return ACTIVE_NAMES;
        }
    }

    /** What the exception is attached to (an order, a fulfillment order…), or null when no order was made. */
    public record AttachedTo(String type, String id) {}

    /** Where the failure happened: route id, channel kind, exact position and the endpoint to replay to. */
    public record Source(String routeId, String kind, String position, String endpoint) {}

    /** The original message: body and headers. */
    public record Original(String body, Map<String, String> headers) {}

    /** One action on the exception. */
    public record HistoryEntry(Instant at, String action, String detail) {}

    ProcessException withoutOriginal() {
        return new ProcessException(
                number,
                category,
                severity,
                priority,
                status,
                attachedTo,
                message,
                description,
                externalReference,
                source,
                failedStep,
                errorClass,
                transientFailure,
                attempts,
                firstFailure,
                lastFailure,
                null,
                createdAt,
                updatedAt,
                null);
    }
}
