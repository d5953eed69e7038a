package dev.orderhub.event;

import java.time.Instant;

/** A CloudEvents 1.0 event in structured JSON form, ready for the outbox; subject is the order id. */
public record CloudEvent(String id, EventType type, String subject, Instant time, String json) {
    /** The content type of a structured CloudEvent, as message property {@code contentType}. */
    public static final String CONTENT_TYPE = "application/cloudevents+json";
}
