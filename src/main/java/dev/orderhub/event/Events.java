package dev.orderhub.event;

import java.time.Instant;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Creates CloudEvents with data serialised in the hub's JSON shape. */
@Component
public class Events {
    private final JsonMapper json;

    public Events(JsonMapper json) {
        this.json = json;
    }

    public CloudEvent event(EventType type, String subject, Object data) {
        return CloudEvent.of(type, subject, json.writeValueAsBytes(data), Instant.now());
    }
}
