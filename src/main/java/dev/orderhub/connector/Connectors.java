package dev.orderhub.connector;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The seam between what the hub decides and how an outside system is asked (README, "Connectors"): Java sends a
 * request body to {@code direct:connector-<kind>-<operation>}; the route that the active connector file's type made
 * (one route template per operation) asks the system and answers a JSON object. Each kind has its own
 * {@link ConnectorPolicy} (retries, circuit breaker) from its connector file.
 */
@Component
public class Connectors {
    private final ProducerTemplate producer;
    private final ActiveConnectors active;
    private final JsonMapper json;
    private final Map<String, ConnectorPolicy> policies = new ConcurrentHashMap<>();

    Connectors(ProducerTemplate producer, ActiveConnectors active, JsonMapper json) {
        this.producer = producer;
        this.active = active;
        this.json = json;
    }

    /** The policy of the kind's active connector (one circuit per connector). */
    public ConnectorPolicy policy(String kind) {
        return policies.computeIfAbsent(kind, k -> {
            ActiveConnector connector = active.get(k);
            return new ConnectorPolicy(
                    k + "/" + connector.name(),
                    connector.setting("retry"),
                    connector.setting("circuitBreaker"),
                    ActiveConnector.SANDBOX.equals(connector.type()));
        });
    }

    /** One request to the connector route, no retry: the caller applies {@link #policy}. */
    public JsonNode request(String kind, String operation, Object body) {
        Object answer;
        try {
            answer = producer.requestBody("direct:connector-" + kind + "-" + operation, body);
        } catch (CamelExecutionException failed) {
            if (failed.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (failed.getCause() instanceof IOException cause) {
                // a timeout or a refused connection: named by the route, classified by its cause
                throw new UncheckedIOException("connector-" + kind + "-" + operation + ": " + cause, cause);
            }
            throw failed;
        }
        return answer(answer);
    }

    /** A request under the kind's policy (retried, behind its circuit breaker). */
    public JsonNode ask(String kind, String operation, Object body) {
        return policy(kind).execute(() -> request(kind, operation, body));
    }

    private JsonNode answer(Object body) {
        if (body == null) {
            return json.missingNode();
        }
        if (body instanceof JsonNode node) {
            return node;
        }
        if (body instanceof String text) {
            return text.isBlank() ? json.missingNode() : json.readTree(text);
        }
        if (body instanceof byte[] bytes) {
            return json.readTree(bytes);
        }
        if (body instanceof InputStream in) {
            return json.readTree(in);
        }
        return json.valueToTree(body);
    }
}
