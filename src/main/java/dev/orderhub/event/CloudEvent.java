package dev.orderhub.event;

import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.format.EventFormat;
import io.cloudevents.core.provider.EventFormatProvider;
import io.cloudevents.jackson.JsonFormat;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

/** A CloudEvents 1.0 event in structured JSON form, ready for the outbox; subject is the order id. */
public record CloudEvent(String id, EventType type, String subject, Instant time, String json) {
    /** The content type of a structured CloudEvent, as message property {@code contentType}. */
    public static final String CONTENT_TYPE = "application/cloudevents+json";
    private static final URI SOURCE = URI.create("/orderhub");
    private static final EventFormat FORMAT = EventFormatProvider.getInstance().resolveFormat(JsonFormat.CONTENT_TYPE);

    /** Builds the event around data already serialised as JSON. */
    public static CloudEvent of(EventType type, String subject, byte[] dataJson, Instant time) {
        String id = UUID.randomUUID().toString();
        io.cloudevents.CloudEvent event = CloudEventBuilder.v1()
                .withId(id)
                .withSource(SOURCE)
                .withType(type.type())
                .withSubject(subject)
                .withTime(time.atOffset(ZoneOffset.UTC))
                .withDataContentType("application/json")
                .withDataSchema(URI.create("https://orderhub.dev/schema/events/" + type.type() + ".json"))
                .withData(dataJson)
                .build();
        return new CloudEvent(id, type, subject, time, new String(FORMAT.serialize(event), StandardCharsets.UTF_8));
    }
}
