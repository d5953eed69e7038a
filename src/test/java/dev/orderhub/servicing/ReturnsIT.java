package dev.orderhub.servicing;

import static dev.orderhub.event.PublishedSchemas.assertValid;
import static dev.orderhub.support.HubOrders.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orderhub.api.WaitingOrders;
import dev.orderhub.fulfillment.Inventory;
import dev.orderhub.support.HubClient;
import dev.orderhub.support.HubTest;
import dev.orderhub.support.HubTestContext;
import dev.orderhub.support.SampleOrders;
import jakarta.jms.Connection;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Return orders (RMA) on the real hub: orders the sandbox ERP shipped and the hub closed are returned in part,
 * authorised (the ERP/WMS gets them on orderhub.erp.return-orders), received over REST and over
 * orderhub.erp.return-receipts (closed once their credit memos are refunded), rejected and cancelled; refused rules are problem+json naming the rule.
 */
@HubTest
class ReturnsIT {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String OPERATOR = HubTestContext.OPERATOR_KEY;
    private static final Duration PIPELINE = Duration.ofSeconds(60);
    private static final String SKU = "DRILL-18V";
    private static final String RETURN_ORDERS = "orderhub.erp.return-orders";
    private static final String RETURN_RECEIPTS = "orderhub.erp.return-receipts";

    @LocalServerPort
    int port;

    @Autowired
    Environment environment;

    @Autowired
    Inventory inventory;

    @Autowired
    JdbcClient jdbc;

    HubClient hub;

    @BeforeEach
    void client() {
        hub = new HubClient(port);
    }

    @Test
    void aPartReturnIsAuthorisedSentToTheErpAndReceivedRestockingOnlyTheRestockableUnits() throws Exception {
        String orderId = closedOrder();

        JsonNode requested = json(hub.post("/api/orders/" + orderId + "/returns", OPERATOR, """
                        {"lines": [{"lineId": "1", "quantity": 2, "reason": "wrong size"}], "location": "WH-EU",
                         "note": "customer call"}"""), 201);
        String rma = requested.path("number").asString();
        assertThat(rma).matches("RMA-\\d{8}");
        assertThat(requested.path("status").asString()).isEqualTo("REQUESTED");
        assertThat(requested.path("orderId").asString()).isEqualTo(orderId);
        assertThat(requested.path("lines").path(0).path("location").asString()).isEqualTo("WH-EU");
        assertThat(requested.path("lines").path(0).path("sku").asString()).isEqualTo(SKU);
        assertThat(quantities(orderId).path("returnInitiated").asInt()).isEqualTo(2);

        // 4 shipped, 2 in this return: 3 more is more than is returnable
        JsonNode tooMany = json(
                hub.post(
                        "/api/orders/" + orderId + "/returns",
                        OPERATOR,
                        "{\"lines\": [{\"lineId\": \"1\", \"quantity\": 3}]}"),
                422);
        // refusals name their rule by a stable code and say it in words in detail
        assertThat(tooMany.path("rule").asString()).isEqualTo("more-than-returnable");
        assertThat(tooMany.path("detail").asString())
                .isEqualTo("line 1: quantity 3 exceeds 2 available to return (fulfilled, not in a return)");
        JsonNode noLine = json(
                hub.post(
                        "/api/orders/" + orderId + "/returns",
                        OPERATOR,
                        "{\"lines\": [{\"lineId\": \"9\", \"quantity\": 1}]}"),
                422);
        assertThat(noLine.path("rule").asString()).isEqualTo("no-such-line");
        assertThat(noLine.path("detail").asString()).isEqualTo("line 9: no such line on the order");
        JsonNode none = json(
                hub.post(
                        "/api/orders/" + orderId + "/returns",
                        OPERATOR,
                        "{\"lines\": [{\"lineId\": \"1\", \"quantity\": 0}]}"),
                422);
        assertThat(none.path("rule").asString()).isEqualTo("quantity-not-positive");
        // one unit each, twice over the same line, is a line named twice: said as its whole quantity once
        JsonNode twice = json(
                hub.post(
                        "/api/orders/" + orderId + "/returns",
                        OPERATOR,
                        "{\"lines\": [{\"lineId\": \"1\", \"quantity\": 1}, {\"lineId\": \"1\", \"quantity\": 1}]}"),
                422);
        assertThat(twice.path("rule").asString()).isEqualTo("line-once");
        assertThat(json(
                                hub.post(
                                        "/api/orders/" + orderId + "/returns?preview=true",
                                        OPERATOR,
                                        "{\"lines\": [{\"lineId\": \"1\", \"quantity\": 1}, {\"lineId\": \"1\", \"quantity\": 1}]}"),
                                422)
                        .path("rule")
                        .asString())
                .isEqualTo("line-once");
        assertThat(json(hub.post("/api/orders/" + orderId + "/returns", OPERATOR, "{\"lines\": []}"), 422)
                        .path("rule")
                        .asString())
                .isEqualTo("lines-required");
        assertThat(json(
                                hub.post(
                                        "/api/orders/" + orderId + "/returns",
                                        OPERATOR,
                                        "{\"lines\": [{\"lineId\": \"1\", \"quantity\": 1}], \"location\": \"NOWHERE\"}"),
                                422)
                        .path("rule")
                        .asString())
                .isEqualTo("location-unknown");

        // a receipt before the return is authorised conflicts with its state
        JsonNode early = json(hub.post("/api/return-orders/" + rma + "/receipts", OPERATOR, receipt("early", 1)), 409);
        assertThat(early.path("rule").asString()).isEqualTo("return-order-status");
        assertThat(early.path("detail").asString()).contains("REQUESTED");

        JsonNode authorized = json(hub.post("/api/return-orders/" + rma + "/authorize", OPERATOR, ""), 200);
        assertThat(authorized.path("status").asString()).isEqualTo("AUTHORIZED");
        JsonNode toErp = JSON.readTree(takeReturnOrder(rma).getText());
        assertThat(toErp.path("number").asString()).isEqualTo(rma);
        assertThat(toErp.path("status").asString()).isEqualTo("AUTHORIZED");
        assertThat(toErp.path("lines").path(0).path("quantity").asInt()).isEqualTo(2);

        JsonNode notInReturn = json(
                hub.post(
                        "/api/return-orders/" + rma + "/receipts",
                        OPERATOR,
                        "{\"receiptId\": \"R-0a\", \"lines\": [{\"lineId\": \"9\", \"quantity\": 1, "
                                + "\"condition\": \"DAMAGED\"}]}"),
                422);
        assertThat(notInReturn.path("rule").asString()).isEqualTo("not-in-return");
        JsonNode moreThanExpected =
                json(hub.post("/api/return-orders/" + rma + "/receipts", OPERATOR, receipt("R-0b", 3)), 422);
        assertThat(moreThanExpected.path("rule").asString()).isEqualTo("more-than-expected");
        assertThat(moreThanExpected.path("detail").asString())
                .isEqualTo("line 1: quantity 3 exceeds the 2 still expected back");
        assertThat(json(
                                hub.post(
                                        "/api/return-orders/" + rma + "/receipts",
                                        OPERATOR,
                                        "{\"lines\": [{\"lineId\": \"1\", \"quantity\": 1, \"condition\": \"DAMAGED\"}]}"),
                                422)
                        .path("rule")
                        .asString())
                .isEqualTo("receipt-id-required");

        int onHand = onHand("WH-EU");
        JsonNode partly = json(
                hub.post("/api/return-orders/" + rma + "/receipts", OPERATOR, receipt("R-1", 1, "RESTOCKABLE")), 200);
        assertThat(partly.path("status").asString()).isEqualTo("PARTIALLY_RECEIVED");
        assertThat(onHand("WH-EU")).isEqualTo(onHand + 1);

        // the same receiptId again counts once
        JsonNode again = json(
                hub.post("/api/return-orders/" + rma + "/receipts", OPERATOR, receipt("R-1", 1, "RESTOCKABLE")), 200);
        assertThat(again.path("status").asString()).isEqualTo("PARTIALLY_RECEIVED");
        assertThat(again.path("receipts").size()).isEqualTo(1);
        assertThat(onHand("WH-EU")).isEqualTo(onHand + 1);

        JsonNode received =
                json(hub.post("/api/return-orders/" + rma + "/receipts", OPERATOR, receipt("R-2", 1, "DAMAGED")), 200);
        // every unit back and each receipt's credit memo refunded: the return order is closed
        assertThat(received.path("status").asString()).isEqualTo("CLOSED");
        JsonNode line = received.path("lines").path(0);
        assertThat(List.of(
                        line.path("received").asInt(),
                        line.path("restocked").asInt(),
                        line.path("damaged").asInt()))
                .containsExactly(2, 1, 1);
        assertThat(onHand("WH-EU")).as("damaged units are not restocked").isEqualTo(onHand + 1);

        // the order stays CLOSED; its summary shows the return and the returned units
        JsonNode summary = order(orderId);
        assertThat(summary.path("status").asString()).isEqualTo("CLOSED");
        assertThat(summary.path("returnOrders")).hasSize(1);
        assertThat(summary.path("returnOrders").path(0).path("number").asString())
                .isEqualTo(rma);
        assertThat(summary.path("returnOrders").path(0).path("status").asString())
                .isEqualTo("CLOSED");
        assertThat(summary.path("creditMemos")).hasSize(2);
        assertThat(quantities(orderId).path("returnInitiated").asInt()).isEqualTo(2);
        assertThat(quantities(orderId).path("returned").asInt()).isEqualTo(2);
        assertValid("order-summary.json", summary);

        JsonNode listed = json(hub.get("/api/return-orders?orderId=" + orderId, OPERATOR), 200);
        assertThat(listed.path("total").asLong()).isEqualTo(1);
        assertThat(listed.path("items").path(0).path("number").asString()).isEqualTo(rma);
        assertThat(json(hub.get("/api/return-orders?orderId=" + orderId + "&status=REQUESTED", OPERATOR), 200)
                        .path("total")
                        .asLong())
                .isZero();

        await().atMost(PIPELINE)
                .untilAsserted(() -> assertThat(returnEvents(orderId))
                        .extracting(e -> e.path("data").path("to").asString())
                        .containsExactly("REQUESTED", "AUTHORIZED", "PARTIALLY_RECEIVED", "RECEIVED", "CLOSED"));
        for (JsonNode event : returnEvents(orderId)) {
            assertValid("events/cloudevent.json", event);
            assertValid("events/orderhub.return-order.status-changed.json", event.path("data"));
            assertThat(event.path("data").path("rma").asString()).isEqualTo(rma);
        }
    }

    @Test
    void aReceiptConfirmedByTheErpOnTheQueueRestocksWhereTheLineShippedFrom() throws Exception {
        String orderId = closedOrder();
        String shippedFrom = order(orderId)
                .path("fulfillmentOrders")
                .path(0)
                .path("location")
                .asString();

        JsonNode requested = json(
                hub.post(
                        "/api/orders/" + orderId + "/returns",
                        OPERATOR,
                        "{\"lines\": [{\"lineId\": \"1\", \"quantity\": 1, \"reason\": \"broken\"}]}"),
                201);
        String rma = requested.path("number").asString();
        assertThat(requested.path("lines").path(0).path("location").asString()).isEqualTo(shippedFrom);
        json(hub.post("/api/return-orders/" + rma + "/authorize", OPERATOR, ""), 200);
        takeReturnOrder(rma);

        String message =
                JSON.writeValueAsString(JSON.createObjectNode().put("rma", rma).setAll((ObjectNode)
                        JSON.readTree(receipt("WMS-" + rma, 1, "DAMAGED"))));
        try (Connection connection = erp().createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            try (MessageProducer producer = session.createProducer(session.createQueue(RETURN_RECEIPTS))) {
                producer.send(session.createTextMessage(message));
                producer.send(session.createTextMessage(message));
            }
        }

        await().atMost(PIPELINE)
                .untilAsserted(() ->
                        assertThat(returnOrder(rma).path("status").asString()).isEqualTo("CLOSED"));
        JsonNode received = returnOrder(rma);
        assertThat(received.path("receipts")).hasSize(1);
        assertThat(received.path("lines").path(0).path("damaged").asInt()).isEqualTo(1);
        assertThat(quantities(orderId).path("returned").asInt()).isEqualTo(1);

        // a receipt a rule refuses (nothing more is expected back) is dead-lettered as a process exception keeping it
        String refused =
                JSON.writeValueAsString(JSON.createObjectNode().put("rma", rma).setAll((ObjectNode)
                        JSON.readTree(receipt("WMS-late-" + rma, 1, "RESTOCKABLE"))));
        try (Connection connection = erp().createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            try (MessageProducer producer = session.createProducer(session.createQueue(RETURN_RECEIPTS))) {
                producer.send(session.createTextMessage(refused));
            }
        }
        JsonNode exception = await().atMost(PIPELINE)
                .until(
                        () -> json(hub.get("/api/process-exceptions?size=100", OPERATOR), 200)
                                .path("items")
                                .valueStream()
                                .filter(pe -> pe.toString().contains(rma))
                                .findFirst(),
                        Optional::isPresent)
                .orElseThrow();
        JsonNode detail = json(
                hub.get("/api/process-exceptions/" + exception.path("number").asString(), OPERATOR), 200);
        assertThat(detail.path("message").asString()).contains("is CLOSED");
        assertThat(detail.path("original").path("body").asString()).isEqualTo(refused);
        assertThat(returnOrder(rma).path("receipts")).hasSize(1);
    }

    @Test
    void rejectedAndCancelledReturnsGiveTheirUnitsBack() throws Exception {
        String orderId = closedOrder();
        String all = "{\"lines\": [{\"lineId\": \"1\", \"quantity\": 4}]}";

        String first = json(hub.post("/api/orders/" + orderId + "/returns", OPERATOR, all), 201)
                .path("number")
                .asString();
        // a rejection needs a reason: without one (or a blank one) nothing changes
        long historyBefore = historyTotal(orderId);
        for (String noReason : List.of("{}", "{\"reason\": \"  \"}", "")) {
            JsonNode refused = json(hub.post("/api/return-orders/" + first + "/reject", OPERATOR, noReason), 422);
            assertThat(refused.path("rule").asString()).isEqualTo("reason-required");
        }
        assertThat(returnOrder(first).path("status").asString()).isEqualTo("REQUESTED");
        assertThat(historyTotal(orderId)).isEqualTo(historyBefore);
        JsonNode rejected = json(
                hub.post("/api/return-orders/" + first + "/reject", OPERATOR, "{\"reason\": \"outside 30 days\"}"),
                200);
        assertThat(rejected.path("status").asString()).isEqualTo("REJECTED");
        assertThat(rejected.path("reason").asString()).isEqualTo("outside 30 days");
        assertThat(quantities(orderId).path("returnInitiated").asInt()).isZero();
        json(hub.post("/api/return-orders/" + first + "/authorize", OPERATOR, ""), 409);

        String second = json(hub.post("/api/orders/" + orderId + "/returns", OPERATOR, all), 201)
                .path("number")
                .asString();
        json(hub.post("/api/return-orders/" + second + "/authorize", OPERATOR, ""), 200);
        takeReturnOrder(second);
        JsonNode cancelled = json(hub.post("/api/return-orders/" + second + "/cancel", OPERATOR, ""), 200);
        assertThat(cancelled.path("status").asString()).isEqualTo("CANCELLED");
        // the ERP, told of the authorised return, is told of its cancellation
        assertThat(JSON.readTree(takeReturnOrder(second).getText())
                        .path("status")
                        .asString())
                .isEqualTo("CANCELLED");
        assertThat(quantities(orderId).path("returnInitiated").asInt()).isZero();
        JsonNode late = json(hub.post("/api/return-orders/" + second + "/receipts", OPERATOR, receipt("late", 1)), 409);
        assertThat(late.path("rule").asString()).isEqualTo("return-order-status");
        assertThat(late.path("detail").asString()).contains("CANCELLED");

        assertThat(json(hub.get("/api/return-orders?orderId=" + orderId, OPERATOR), 200)
                        .path("items")
                        .valueStream()
                        .map(r -> r.path("status").asString())
                        .toList())
                .containsExactlyInAnyOrder("REJECTED", "CANCELLED");
        json(hub.get("/api/return-orders/RMA-99999999", OPERATOR), 404);
    }

    @Test
    void anOrderNotYetFulfilledConflictsAndACancelledOneTakesNoReturn() {
        String orderId = WaitingOrders.submit(hub);
        JsonNode early = json(
                hub.post(
                        "/api/orders/" + orderId + "/returns",
                        OPERATOR,
                        "{\"lines\": [{\"lineId\": \"1\", \"quantity\": 1}]}"),
                409);
        assertThat(early.path("rule").asString()).isEqualTo("order-not-fulfilled");
        assertThat(early.path("detail").asString())
                .isEqualTo("order is WAITING_APPROVAL: servicing needs a FULFILLED or CLOSED order");
        json(hub.post("/api/orders/" + orderId + "/cancel", OPERATOR, ""), 200);

        HttpResponse<String> refused = hub.post(
                "/api/orders/" + orderId + "/returns", OPERATOR, "{\"lines\": [{\"lineId\": \"1\", \"quantity\": 1}]}");
        JsonNode problem = json(refused, 422);
        assertThat(refused.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(problem.path("rule").asString()).isEqualTo("order-not-serviceable");
        assertThat(problem.path("detail").asString())
                .isEqualTo("order is CANCELLED: a cancelled or rejected order takes no servicing");
        assertThat(order(orderId).path("returnOrders")).isEmpty();
    }

    private String closedOrder() {
        HttpResponse<String> posted = hub.post("/api/orders", HubTestContext.INGEST_KEY, SampleOrders.fresh());
        String id = json(posted, 202).path("id").asString();
        await().atMost(PIPELINE)
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(
                        () -> assertThat(order(id).path("status").asString()).isEqualTo("CLOSED"));
        return id;
    }

    private JsonNode order(String id) {
        return json(hub.get("/api/orders/" + id, OPERATOR), 200);
    }

    private JsonNode returnOrder(String rma) {
        return json(hub.get("/api/return-orders/" + rma, OPERATOR), 200);
    }

    private long historyTotal(String orderId) {
        return json(hub.get("/api/orders/" + orderId + "/history", OPERATOR), 200)
                .path("total")
                .asLong();
    }

    private JsonNode quantities(String orderId) {
        return order(orderId).path("lines").path(0).path("quantities");
    }

    private int onHand(String location) {
        return inventory.levels(SKU).stream()
                .filter(l -> l.location().equals(location))
                .mapToInt(Inventory.Level::onHand)
                .findFirst()
                .orElse(0);
    }

    private static String receipt(String receiptId, int quantity) {
        return receipt(receiptId, quantity, "RESTOCKABLE");
    }

    private static String receipt(String receiptId, int quantity, String condition) {
        return """
                {"receiptId": "%s", "lines": [{"lineId": "1", "quantity": %d, "condition": "%s"}]}""".formatted(receiptId, quantity, condition);
    }

    private ActiveMQConnectionFactory erp() {
        return HubTestContext.BROKER_ERP.connectionFactory(environment);
    }

    /** Takes the return order's message off orderhub.erp.return-orders as the ERP does. */
    private TextMessage takeReturnOrder(String rma) throws Exception {
        try (Connection connection = erp().createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            try (MessageConsumer consumer =
                    session.createConsumer(session.createQueue(RETURN_ORDERS), "orderhubReturnOrder = '" + rma + "'")) {
                TextMessage message = (TextMessage) consumer.receive(PIPELINE.toMillis());
                assertThat(message)
                        .as("return order %s on %s", rma, RETURN_ORDERS)
                        .isNotNull();
                assertThat(message.getStringProperty("orderhubOrderId")).isNotBlank();
                return message;
            }
        }
    }

    private List<JsonNode> returnEvents(String orderId) {
        return jdbc
                .sql("SELECT payload FROM outbox WHERE subject = ? AND type = ? ORDER BY id")
                .param(orderId)
                .param("orderhub.return-order.status-changed")
                .query(String.class)
                .list()
                .stream()
                .map(JSON::readTree)
                .toList();
    }
}
