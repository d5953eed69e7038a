package dev.orderhub.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderhub.support.HubClient;
import dev.orderhub.support.HubTest;
import dev.orderhub.support.HubTestContext;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * POST /api/orders/{id}/cancel: by line and quantity, or everything; refused moves change nothing. Each test starts
 * from an order parked in WAITING_APPROVAL (see {@link WaitingOrders}), so that the pipeline does not move it.
 */
@HubTest
class CancelIT {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    HubClient hub;

    @BeforeEach
    void client() {
        hub = new HubClient(port);
    }

    @Test
    void cancelPartOfALineKeepsTheOrderStatus() {
        String id = submit();

        HttpResponse<String> response = cancel(
                id, "{\"lines\": [{\"lineId\": \"1\", \"quantity\": 1, \"reason\": \"customer reduced quantity\"}]}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode order = read(id);
        assertThat(order.path("status").asString()).isEqualTo("WAITING_APPROVAL");
        assertThat(order.path("lines")
                        .path(0)
                        .path("quantities")
                        .path("ordered")
                        .asInt())
                .isEqualTo(4);
        assertThat(order.path("lines")
                        .path(0)
                        .path("quantities")
                        .path("canceled")
                        .asInt())
                .isEqualTo(1);
        JsonNode cancelEntry = history(id)
                .path("items")
                .valueStream()
                .filter(e -> "CANCELLED".equals(e.path("action").asString()))
                .findFirst()
                .orElseThrow();
        assertThat(cancelEntry.path("detail").asString()).contains("customer reduced quantity");
    }

    @Test
    void cancelWithoutLinesCancelsTheWholeOrder() {
        String id = submit();

        HttpResponse<String> response = cancel(id, "{\"reason\": \"buyer withdrew\"}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode order = read(id);
        assertThat(order.path("status").asString()).isEqualTo("CANCELLED");
        assertThat(order.path("lines")
                        .path(0)
                        .path("quantities")
                        .path("canceled")
                        .asInt())
                .isEqualTo(4);
        JsonNode cancelEntry = history(id)
                .path("items")
                .valueStream()
                .filter(e -> "CANCELLED".equals(e.path("action").asString()))
                .findFirst()
                .orElseThrow();
        assertThat(cancelEntry.path("fromStatus").asString()).isEqualTo("WAITING_APPROVAL");
        assertThat(cancelEntry.path("toStatus").asString()).isEqualTo("CANCELLED");
    }

    @Test
    void cancelWithAnEmptyBodyCancelsTheWholeOrder() {
        String id = submit();

        HttpResponse<String> response = hub.post("/api/orders/" + id + "/cancel", HubTestContext.OPERATOR_KEY, "");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(read(id).path("status").asString()).isEqualTo("CANCELLED");
    }

    @Test
    void cancellingMoreThanAvailableIs409AndChangesNothing() {
        String id = submit();
        JsonNode before = read(id);
        long historyBefore = history(id).path("total").asLong();

        HttpResponse<String> response = cancel(id, "{\"lines\": [{\"lineId\": \"1\", \"quantity\": 5}]}");

        JsonNode problem = OrdersApiIT.assertProblem(response, 409);
        assertThat(problem.path("move").asString()).isEqualTo("CANCEL");
        assertThat(problem.path("rule").asString())
                .contains("line 1")
                .contains("5")
                .contains("4");
        JsonNode after = read(id);
        assertThat(after.path("version").asLong())
                .isEqualTo(before.path("version").asLong());
        assertThat(after.path("status").asString()).isEqualTo("WAITING_APPROVAL");
        assertThat(after.path("lines")
                        .path(0)
                        .path("quantities")
                        .path("canceled")
                        .asInt())
                .isZero();
        assertThat(history(id).path("total").asLong()).isEqualTo(historyBefore);
    }

    private String submit() {
        return WaitingOrders.submit(hub);
    }

    private HttpResponse<String> cancel(String id, String body) {
        return hub.post("/api/orders/" + id + "/cancel", HubTestContext.OPERATOR_KEY, body);
    }

    private JsonNode read(String id) {
        HttpResponse<String> response = hub.get("/api/orders/" + id, HubTestContext.OPERATOR_KEY);
        assertThat(response.statusCode()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private JsonNode history(String id) {
        HttpResponse<String> response = hub.get("/api/orders/" + id + "/history", HubTestContext.OPERATOR_KEY);
        assertThat(response.statusCode()).isEqualTo(200);
        return JSON.readTree(response.body());
    }
}
