package dev.orderhub.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orderhub.support.HubClient;
import dev.orderhub.support.HubTest;
import dev.orderhub.support.HubTestContext;
import dev.orderhub.support.SampleOrders;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * POST /api/orders/{id}/cancel: by line and quantity, or everything; refused moves change nothing and name their
 * rule by its code. Tests start from an order parked in WAITING_APPROVAL (see {@link WaitingOrders}), so that the
 * pipeline does not move it, but for the one of a CLOSED order.
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
        // the delivery group still ships: its charge stays
        assertThat(order.path("charges").path(0).path("amount").asString()).isEqualTo("20.00");
        assertThat(order.path("totals").path("charges").asString()).isEqualTo("20.00");
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
        // nothing is left to ship in the delivery group: its charge and the tax on it are given back, nothing is owed
        JsonNode charge = order.path("charges").path(0);
        assertThat(charge.path("amount").asString()).isEqualTo("0.00");
        assertThat(charge.path("taxLines")
                        .valueStream()
                        .map(t -> t.path("amount").asString()))
                .isNotEmpty()
                .containsOnly("0.00");
        assertThat(order.path("totals").path("charges").asString()).isEqualTo("0.00");
        assertThat(order.path("totals").path("tax").asString()).isEqualTo("0.00");
        assertThat(order.path("totals").path("grandTotal").asString()).isEqualTo("0.00");
        assertThat(order.path("payment").path("balance").asString()).isEqualTo("0.00");
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
        assertThat(problem.path("rule").asString()).isEqualTo("more-than-cancelable");
        assertThat(problem.path("detail").asString())
                .isEqualTo("line 1: quantity 5 exceeds 4 available to cancel (not fulfilled)");
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

    @Test
    void aLineThatDoesNotExistIs422AndChangesNothing() {
        String id = submit();
        long version = read(id).path("version").asLong();
        long historyBefore = history(id).path("total").asLong();

        assertCancelAndPreviewRefuse(
                id,
                "{\"lines\": [{\"lineId\": \"9\", \"quantity\": 1}]}",
                422,
                "no-such-line",
                "line 9: no such line on the order");
        JsonNode quantityZero =
                OrdersApiIT.assertProblem(cancel(id, "{\"lines\": [{\"lineId\": \"1\", \"quantity\": 0}]}"), 422);
        assertThat(quantityZero.path("rule").asString()).isEqualTo("quantity-not-positive");

        assertThat(read(id).path("version").asLong()).isEqualTo(version);
        assertThat(history(id).path("total").asLong()).isEqualTo(historyBefore);
    }

    @Test
    void aClosedOrderHasNothingToCancel() {
        HttpResponse<String> posted = hub.post("/api/orders", HubTestContext.INGEST_KEY, SampleOrders.fresh());
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(202);
        String id = JSON.readTree(posted.body()).path("id").asString();
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(
                        () -> assertThat(read(id).path("status").asString()).isEqualTo("CLOSED"));
        assertNothingToCancel(id, "CLOSED");
    }

    @Test
    void aCancelledOrderHasNothingLeftToCancel() {
        String id = submit();
        assertThat(cancel(id, "{}").statusCode()).isEqualTo(200);
        assertNothingToCancel(id, "CANCELLED");
    }

    @Test
    void aLineWithNothingLeftToCancelConflicts() {
        String id = submitTwoLines();
        assertThat(cancel(id, "{\"lines\": [{\"lineId\": \"1\", \"quantity\": 4}]}")
                        .statusCode())
                .isEqualTo(200);
        long version = read(id).path("version").asLong();
        long historyBefore = history(id).path("total").asLong();

        assertCancelAndPreviewRefuse(id, "{\"lines\": [{\"lineId\": \"1\"}]}", 409, "nothing-to-cancel", null);
        assertThat(read(id).path("version").asLong()).isEqualTo(version);
        assertThat(history(id).path("total").asLong()).isEqualTo(historyBefore);

        // the whole order: what is left of line 2
        assertThat(cancel(id, "{}").statusCode()).isEqualTo(200);
        JsonNode order = read(id);
        assertThat(order.path("status").asString()).isEqualTo("CANCELLED");
        assertThat(history(id)
                        .path("items")
                        .valueStream()
                        .filter(e -> "CANCELLED".equals(e.path("action").asString()))
                        .map(e -> e.path("detail").asString())
                        .toList())
                .containsExactlyInAnyOrder("canceled line 1 x4", "canceled line 2 x2");
    }

    /** A whole-order cancel, and its preview, of an order in {@code status}: 409, and nothing written. */
    private void assertNothingToCancel(String id, String status) {
        JsonNode before = read(id);
        long historyBefore = history(id).path("total").asLong();

        for (String body : List.of("", "{}")) {
            assertCancelAndPreviewRefuse(
                    id,
                    body,
                    409,
                    "order-not-cancelable",
                    "order is " + status + ": a CLOSED, CANCELLED or REJECTED order takes no cancel");
        }
        JsonNode after = read(id);
        assertThat(after.path("status").asString()).isEqualTo(status);
        assertThat(after.path("version").asLong())
                .isEqualTo(before.path("version").asLong());
        assertThat(history(id).path("total").asLong()).isEqualTo(historyBefore);
    }

    /** The cancel and its preview refuse alike: the same status, rule, move and (when given) detail. */
    private void assertCancelAndPreviewRefuse(String id, String body, int status, String rule, String detail) {
        for (String path : List.of("/cancel", "/cancel?preview=true")) {
            JsonNode problem = OrdersApiIT.assertProblem(
                    hub.post("/api/orders/" + id + path, HubTestContext.OPERATOR_KEY, body), status);
            assertThat(problem.path("rule").asString()).as(path).isEqualTo(rule);
            assertThat(problem.path("move").asString()).as(path).isEqualTo("CANCEL");
            if (detail != null) {
                assertThat(problem.path("detail").asString()).as(path).isEqualTo(detail);
            }
        }
    }

    /** The waiting order with a second line, 2 x DRILL-18V. */
    private String submitTwoLines() {
        ObjectNode order = (ObjectNode) JSON.readTree(WaitingOrders.body("PO-" + UUID.randomUUID()));
        ObjectNode second = ((ObjectNode) order.path("lines").path(0)).deepCopy();
        second.put("lineId", "2").put("quantity", 2).remove("adjustments");
        ((ArrayNode) order.path("lines")).add(second);
        HttpResponse<String> posted =
                hub.post("/api/orders", HubTestContext.INGEST_KEY, JSON.writeValueAsString(order));
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(202);
        String id = JSON.readTree(posted.body()).path("id").asString();
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(
                        () -> assertThat(read(id).path("status").asString()).isEqualTo("WAITING_APPROVAL"));
        return id;
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
