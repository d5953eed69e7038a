package dev.orderhub.event;

import dev.orderhub.shared.Ids;
import java.time.Instant;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Creates CloudEvents 1.0 in structured JSON mode (schema/events/cloudevent.json), with data in the hub's JSON
 * shape, written in one pass.
 */
@Component
public class Events {
    private static final String SOURCE = "/orderhub";
    private static final String SCHEMAS = "https://orderhub.dev/schema/events/";

    private final JsonMapper json;

    Events(JsonMapper json) {
        this.json = json;
    }

    /** The envelope as it is written; the order of the components is the order of the JSON members. */
    private record Envelope(
            String specversion,
            String id,
            String source,
            String type,
            String subject,
            Instant time,
            String datacontenttype,
            String dataschema,
            Object data) {}

    public CloudEvent event(EventType type, String subject, Object data) {
        String id = Ids.timeOrdered();
        Instant time = Instant.now();
        String envelope = json.writeValueAsString(new Envelope(
                "1.0",
                id,
                SOURCE,
                type.type(),
                subject,
                time,
                "application/json",
                SCHEMAS + type.type() + ".json",
                data));
        return new CloudEvent(id, type, subject, time, envelope);
    }
}
