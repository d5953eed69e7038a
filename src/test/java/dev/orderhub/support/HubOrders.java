package dev.orderhub.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Orders as the REST API shows them to an operator: the look-ups channel and EDI tests share. */
public final class HubOrders {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String OPERATOR = HubTestContext.OPERATOR_KEY;

    private HubOrders() {}

    /** The body of a response, after checking its status. */
    public static JsonNode json(HttpResponse<String> response, int expectedStatus) {
        assertThat(response.statusCode())
                .as("HTTP status of %s; body %s", response.uri(), response.body())
                .isEqualTo(expectedStatus);
        return JSON.readTree(response.body());
    }

    public static String enc(Object value) {
        return URLEncoder.encode(String.valueOf(value), StandardCharsets.UTF_8);
    }

    /** Every order the hub holds for (channel, externalOrderId): GET /api/orders?channel=&externalOrderId=. */
    public static JsonNode ordersByKey(HubClient hub, String channel, String externalOrderId) {
        return json(
                hub.get("/api/orders?channel=" + enc(channel) + "&externalOrderId=" + enc(externalOrderId), OPERATOR),
                200);
    }

    public static long orderCount(HubClient hub, String channel, String externalOrderId) {
        return ordersByKey(hub, channel, externalOrderId).path("total").asLong();
    }

    public static Optional<String> orderId(HubClient hub, String channel, String externalOrderId) {
        JsonNode items = ordersByKey(hub, channel, externalOrderId).path("items");
        return items.isEmpty()
                ? Optional.empty()
                : Optional.of(items.path(0).path("id").asString());
    }

    /** Waits at most {@code wait} for the order of (channel, externalOrderId) and returns its id. */
    public static String awaitOrder(HubClient hub, String channel, String externalOrderId, Duration wait) {
        return await("order " + channel + "/" + externalOrderId)
                .atMost(wait)
                .until(() -> orderId(hub, channel, externalOrderId).orElse(null), id -> id != null);
    }

    public static JsonNode order(HubClient hub, String id) {
        return json(hub.get("/api/orders/" + id, OPERATOR), 200);
    }
}
