package dev.orderhub.connector;

import dev.orderhub.exception.ConnectorRefused;
import dev.orderhub.exception.ConnectorUnavailable;
import dev.orderhub.exception.Failures;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a connector route calls after an HTTP request made with {@code throwExceptionOnFailure=false}: a status of 400
 * or more becomes the failure it means (README, "Connectors"): 408, 409, 425, 429 and 5xx are transient
 * ({@link ConnectorUnavailable}, with the {@code Retry-After} the system asked for), any other 4xx is permanent
 * ({@link ConnectorRefused}), with the vendor's message and code read from its JSON error body by JSON pointers.
 */
@Component("connectorHttp")
public class ConnectorHttp {
    private final JsonMapper json;

    ConnectorHttp(JsonMapper json) {
        this.json = json;
    }

    /** Fails the exchange when its HTTP answer is an error; the body is left as it is otherwise. */
    public void check(Exchange exchange, String messagePointer, String codePointer) {
        check(exchange, messagePointer, codePointer, "");
    }

    /**
     * The same, where the vendor codes listed ({@code askAgainCodes}, comma-separated) say that the system's state
     * moved on meanwhile (another caller did it first): transient, so the policy asks again and the route reads the
     * new state, e.g. a label a concurrent run bought.
     */
    public void check(Exchange exchange, String messagePointer, String codePointer, String askAgainCodes) {
        Integer status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        if (status == null || status < 400) {
            return;
        }
        String body = exchange.getMessage().getBody(String.class);
        JsonNode error = parse(body);
        String vendorMessage = text(error, messagePointer);
        String code = text(error, codePointer);
        String message = exchange.getFromRouteId() + ": HTTP " + status
                + (vendorMessage == null ? "" : ": " + vendorMessage)
                + (code == null ? "" : " (" + code + ")");
        if (Failures.transientStatus(status)
                || code != null && Arrays.asList(askAgainCodes.split(",")).contains(code)) {
            throw new ConnectorUnavailable(
                    message, retryAfter(exchange.getMessage().getHeader("Retry-After", String.class)));
        }
        throw new ConnectorRefused(message, code);
    }

    /** The request's {@code idempotencyKey} (a JSON body), for an {@code Idempotency-Key} header. */
    public String idempotencyKey(String body) {
        String key = text(parse(body), "/idempotencyKey");
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("the request has no idempotencyKey");
        }
        return key;
    }

    private JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return json.missingNode();
        }
        try {
            return json.readTree(body);
        } catch (JacksonException notJson) {
            return json.missingNode();
        }
    }

    private static String text(JsonNode error, String pointer) {
        if (pointer == null || pointer.isBlank()) {
            return null;
        }
        JsonNode value = error.at(pointer);
        return value.isMissingNode() || value.isNull() ? null : value.asString();
    }

    /** {@code Retry-After} as seconds or as an HTTP date; null when absent or unreadable. */
    static Duration retryAfter(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(header.trim())));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(header.trim(), DateTimeFormatter.RFC_1123_DATE_TIME)
                        .toInstant();
                Duration wait = Duration.between(Instant.now(), at);
                return wait.isNegative() ? Duration.ZERO : wait;
            } catch (DateTimeParseException unreadable) {
                return null;
            }
        }
    }
}
