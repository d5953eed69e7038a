package dev.orderhub.servicing;

import static dev.orderhub.servicing.ServicingKit.OPERATOR;
import static dev.orderhub.servicing.ServicingKit.assertValid;
import static dev.orderhub.servicing.ServicingKit.closedOrder;
import static dev.orderhub.support.HubOrders.json;
import static dev.orderhub.support.HubOrders.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orderhub.api.WaitingOrders;
import dev.orderhub.support.HubClient;
import dev.orderhub.support.HubTest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reships on the real hub: units of an order the sandbox ERP shipped and the hub closed are sent again as a new
 * fulfillment order, exported to the ERP flagged as a reship and shipped by it, with no new invoice and no capture;
 * refused rules are problem+json naming the rule.
 */
@HubTest
class ReshipsIT {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String SKU = "DRILL-18V";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    HubClient hub;

    @BeforeEach
    void client() {
        hub = new HubClient(port);
    }

    @Test
    void lostUnitsAreSentAgainAsAFulfillmentOrderTheErpShipsWithNoNewInvoiceOrCapture() {
        String orderId = closedOrder(hub);
        JsonNode before = order(hub, orderId);
        String captured = before.path("payment").path("captured").asString();
        int invoices = before.path("invoices").size();
        int transactions = before.path("payment").path("transactions").size();

        JsonNode reship = json(hub.post("/api/orders/" + orderId + "/reships", OPERATOR, """
                        {"lines": [{"lineId": "1", "quantity": 2}], "reason": "lost in transit"}"""), 201);
        String number = reship.path("number").asString();
        assertThat(number).matches("RS-\\d{8}");
        assertThat(reship.path("orderId").asString()).isEqualTo(orderId);
        assertThat(reship.path("reason").asString()).isEqualTo("lost in transit");
        assertThat(reship.path("lines").path(0).path("sku").asString()).isEqualTo(SKU);
        assertThat(reship.path("lines").path(0).path("quantity").asInt()).isEqualTo(2);
        assertThat(reship.path("fulfillmentOrderIds")).hasSize(1);
        String foId = reship.path("fulfillmentOrderIds").path(0).asString();

        // exported through the outbox like any fulfillment order, flagged as a reship with its reason
        JsonNode exported = JSON.readTree(
                jdbc.sql("SELECT payload FROM outbox WHERE destination = 'erp-fulfillment-orders' AND subject = ?")
                        .param(foId)
                        .query(String.class)
                        .single());
        assertThat(exported.path("reship").asBoolean()).isTrue();
        assertThat(exported.path("reshipNumber").asString()).isEqualTo(number);
        assertThat(exported.path("reshipReason").asString()).isEqualTo("lost in transit");
        assertThat(exported.path("lines").path(0).path("quantity").asInt()).isEqualTo(2);

        // the sandbox ERP ships it; the order stays CLOSED with nothing invoiced or captured again
        await().atMost(ServicingKit.PIPELINE)
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> assertThat(
                                fulfillmentOrder(orderId, foId).path("status").asString())
                        .isEqualTo("FULFILLED"));
        JsonNode after = order(hub, orderId);
        JsonNode reshipped = fulfillmentOrder(orderId, foId);
        assertThat(reshipped.path("reship").path("number").asString()).isEqualTo(number);
        assertThat(reshipped.path("shipments")).hasSize(1);
        assertThat(after.path("status").asString()).isEqualTo("CLOSED");
        assertThat(after.path("invoices")).hasSize(invoices);
        assertThat(after.path("payment").path("captured").asString()).isEqualTo(captured);
        assertThat(after.path("payment").path("transactions")).hasSize(transactions);
        JsonNode quantities = after.path("lines").path(0).path("quantities");
        assertThat(quantities.path("fulfilled").asInt()).isEqualTo(4);
        assertThat(quantities.path("reshipped").asInt()).isEqualTo(2);
        assertThat(after.path("reships")).hasSize(1);
        assertThat(after.path("reships").path(0).path("number").asString()).isEqualTo(number);
        assertValid("order-summary.json", after);
        assertThat(history(orderId)).anySatisfy(h -> assertThat(h).startsWith("RESHIPPED"));
        assertThat(history(orderId))
                .anySatisfy(h -> assertThat(h).startsWith("SHIPPED").contains("reship " + number));
        JsonNode created = JSON.readTree(
                jdbc.sql("SELECT payload FROM outbox WHERE subject = ? AND type = ? " + "AND payload LIKE ?")
                        .param(orderId)
                        .param("orderhub.fulfillment-order.created")
                        .param("%" + foId + "%")
                        .query(String.class)
                        .single());
        assertValid("events/orderhub.fulfillment-order.created.json", created.path("data"));

        // 2 of 4 shipped units sent again: 3 more is more than may be reshipped
        JsonNode tooMany = json(
                hub.post(
                        "/api/orders/" + orderId + "/reships",
                        OPERATOR,
                        "{\"lines\": [{\"lineId\": \"1\", \"quantity\": 3}], \"reason\": \"damaged\"}"),
                422);
        assertThat(tooMany.path("rule").asString()).isEqualTo("more-than-reshippable");
        assertThat(tooMany.path("detail").asString())
                .isEqualTo("line 1: quantity 3 exceeds 2 available to reship (fulfilled, not reshipped)");
    }

    @Test
    void withoutStockTheReshipIsRefusedAndNothingChanges() {
        String orderId = closedOrder(hub);
        List<Map<String, Object>> stock = jdbc.sql("SELECT location, on_hand FROM inventory WHERE sku = ?")
                .param(SKU)
                .query()
                .listOfRows();
        jdbc.sql("UPDATE inventory SET on_hand = reserved WHERE sku = ?")
                .param(SKU)
                .update();
        try {
            JsonNode refused = json(
                    hub.post(
                            "/api/orders/" + orderId + "/reships",
                            OPERATOR,
                            "{\"lines\": [{\"lineId\": \"1\", \"quantity\": 1}], \"reason\": \"damaged\"}"),
                    409);
            assertThat(refused.path("rule").asString()).isEqualTo("not-enough-stock");
            assertThat(refused.path("detail").asString()).isEqualTo("not enough stock to reship: line 1 x1");
        } finally {
            stock.forEach(row -> jdbc.sql("UPDATE inventory SET on_hand = ? WHERE sku = ? AND location = ?")
                    .param(row.get("on_hand"))
                    .param(SKU)
                    .param(row.get("location"))
                    .update());
        }
        JsonNode order = order(hub, orderId);
        assertThat(order.path("reships")).isEmpty();
        assertThat(order.path("lines")
                        .path(0)
                        .path("quantities")
                        .path("reshipped")
                        .asInt())
                .isZero();
        assertThat(order.path("fulfillmentOrders")).hasSize(1);
    }

    @Test
    void refusedRulesNameTheRule() {
        String orderId = closedOrder(hub);
        assertThat(json(
                                hub.post(
                                        "/api/orders/" + orderId + "/reships",
                                        OPERATOR,
                                        "{\"lines\": [{\"lineId\": \"9\", \"quantity\": 1}], \"reason\": \"lost\"}"),
                                422)
                        .path("rule")
                        .asString())
                .isEqualTo("no-such-line");
        assertThat(json(
                                hub.post(
                                        "/api/orders/" + orderId + "/reships",
                                        OPERATOR,
                                        "{\"lines\": [{\"lineId\": \"1\", \"quantity\": 1}]}"),
                                422)
                        .path("rule")
                        .asString())
                .isEqualTo("reason-required");
        JsonNode twice = json(
                hub.post(
                        "/api/orders/" + orderId + "/reships",
                        OPERATOR,
                        "{\"lines\": [{\"lineId\": \"1\", \"quantity\": 1}, {\"lineId\": \"1\", \"quantity\": 1}],"
                                + " \"reason\": \"lost\"}"),
                422);
        assertThat(twice.path("rule").asString()).isEqualTo("line-once");
        assertThat(twice.path("detail").asString()).isEqualTo("line 1: given more than once");
        assertThat(json(
                                hub.post(
                                        "/api/orders/" + orderId + "/reships",
                                        OPERATOR,
                                        "{\"lines\": [{\"lineId\": \"1\", \"quantity\": 0}], \"reason\": \"lost\"}"),
                                422)
                        .path("rule")
                        .asString())
                .isEqualTo("quantity-not-positive");

        String cancelled = WaitingOrders.submit(hub);
        json(hub.post("/api/orders/" + cancelled + "/cancel", OPERATOR, ""), 200);
        HttpResponse<String> refused = hub.post(
                "/api/orders/" + cancelled + "/reships",
                OPERATOR,
                "{\"lines\": [{\"lineId\": \"1\", \"quantity\": 1}], \"reason\": \"lost\"}");
        JsonNode notServiceable = json(refused, 422);
        assertThat(notServiceable.path("rule").asString()).isEqualTo("order-not-serviceable");
        assertThat(notServiceable.path("detail").asString())
                .isEqualTo("order is CANCELLED: a cancelled or rejected order takes no servicing");
    }

    private JsonNode fulfillmentOrder(String orderId, String foId) {
        return order(hub, orderId)
                .path("fulfillmentOrders")
                .valueStream()
                .filter(fo -> fo.path("id").asString().equals(foId))
                .findFirst()
                .orElseThrow();
    }

    private List<String> history(String orderId) {
        return json(hub.get("/api/orders/" + orderId + "/history?size=500", OPERATOR), 200)
                .path("items")
                .valueStream()
                .map(h -> h.path("action").asString() + " " + h.path("detail").asString())
                .toList();
    }
}
