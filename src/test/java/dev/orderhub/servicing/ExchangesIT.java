package dev.orderhub.servicing;

import static dev.orderhub.servicing.ServicingKit.OPERATOR;
import static dev.orderhub.servicing.ServicingKit.assertValid;
import static dev.orderhub.servicing.ServicingKit.awaitClosed;
import static dev.orderhub.servicing.ServicingKit.closedOrder;
import static dev.orderhub.support.HubOrders.json;
import static dev.orderhub.support.HubOrders.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orderhub.support.HubClient;
import dev.orderhub.support.HubTest;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Exchanges on the real hub: a returned line of a closed card order (4 x 129.00, a 25.80 discount) asks for another
 * item; once the return is authorised a replacement order on channel exchange runs the pipeline to CLOSED, charging
 * the difference of a higher price, nothing for the same price, and leaving a lower price's difference to refund.
 */
@HubTest
class ExchangesIT {

    @LocalServerPort
    int port;

    @Autowired
    Exchanges exchanges;

    @Autowired
    JdbcClient jdbc;

    HubClient hub;

    @BeforeEach
    void client() {
        hub = new HubClient(port);
    }

    @Test
    void anExchangeAtAHigherPriceChargesTheDifferenceOnItsReplacementOrder() {
        String orderId = closedOrder(hub);
        JsonNode requested = json(hub.post("/api/orders/" + orderId + "/returns", OPERATOR, """
                        {"lines": [{"lineId": "1", "quantity": 1, "reason": "wants the 20V",
                                    "exchange": {"sku": "DRILL-18V", "quantity": 1, "unitPrice": "150.00"}}]}"""), 201);
        String rma = requested.path("number").asString();
        assertThat(requested.has("exchangeRefundDue")).isFalse();

        JsonNode authorized = json(hub.post("/api/return-orders/" + rma + "/authorize", OPERATOR, ""), 200);
        String replacementId = authorized
                .path("lines")
                .path(0)
                .path("exchange")
                .path("replacementOrderId")
                .asString();
        assertThat(replacementId).isNotBlank().isNotEqualTo(orderId);

        JsonNode replacement = awaitClosed(hub, replacementId);
        assertThat(replacement.path("channel").asString()).isEqualTo("exchange");
        assertThat(replacement.path("externalOrderId").asString()).isEqualTo(rma + "-1");
        assertThat(replacement.path("source").path("kind").asString()).isEqualTo("exchange");
        assertThat(replacement.path("source").path("position").asString())
                .isEqualTo(rma + " line 1 of order " + orderId);
        JsonNode totals = replacement.path("totals");
        assertThat(totals.path("products").asString()).isEqualTo("150.00");
        assertThat(totals.path("adjustments").asString()).isEqualTo("-129.00");
        BigDecimal grandTotal = new BigDecimal(totals.path("grandTotal").asString());
        // the 21.00 difference and its tax
        assertThat(grandTotal).isGreaterThanOrEqualTo(new BigDecimal("21.00"));
        assertThat(new BigDecimal(replacement.path("payment").path("captured").asString()))
                .isEqualByComparingTo(grandTotal);
        assertThat(replacement
                        .path("lines")
                        .path(0)
                        .path("quantities")
                        .path("fulfilled")
                        .asInt())
                .isEqualTo(1);
        assertThat(replacement.path("account").path("accountId").asString()).isEqualTo("ACME-01");
        assertValid("order-summary.json", replacement);

        // the original's summary links the replacement; asking again makes no second one
        JsonNode original = order(hub, orderId);
        assertThat(original.path("returnOrders")
                        .path(0)
                        .path("lines")
                        .path(0)
                        .path("exchange")
                        .path("replacementOrderId")
                        .asString())
                .isEqualTo(replacementId);
        assertValid("order-summary.json", original);
        exchanges.replace(rma);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM orders WHERE channel = 'exchange' AND external_order_id = ?")
                        .param(rma + "-1")
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);

        // the exchanged unit comes back: its value went to the replacement, so no credit memo and no refund
        json(hub.post("/api/return-orders/" + rma + "/receipts", OPERATOR, """
                        {"receiptId": "EXCH-RCPT-1", "lines": [{"lineId": "1", "quantity": 1, "condition": "RESTOCKABLE"}]}"""), 200);
        JsonNode received = await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> json(hub.get("/api/return-orders/" + rma, OPERATOR), 200),
                        r -> r.path("status").asString().equals("CLOSED"));
        assertThat(received.path("lines").path(0).path("received").asInt()).isEqualTo(1);
        JsonNode afterReceipt = order(hub, orderId);
        assertThat(afterReceipt.path("creditMemos")).isEmpty();
        assertThat(afterReceipt.path("payment").path("refunded").asString()).isEqualTo("0.00");
    }

    @Test
    void aSamePriceExchangeIsFreeAndALowerPriceLeavesARefundDue() {
        String orderId = closedOrder(hub);
        JsonNode requested = json(hub.post("/api/orders/" + orderId + "/returns", OPERATOR, """
                        {"lines": [{"lineId": "1", "quantity": 2, "reason": "wrong colour",
                                    "exchange": {"sku": "DRILL-18V", "quantity": 2}}]}"""), 201);
        String rma = requested.path("number").asString();
        JsonNode authorized = json(hub.post("/api/return-orders/" + rma + "/authorize", OPERATOR, ""), 200);
        JsonNode free = awaitClosed(
                hub,
                authorized
                        .path("lines")
                        .path(0)
                        .path("exchange")
                        .path("replacementOrderId")
                        .asString());
        assertThat(free.path("totals").path("products").asString()).isEqualTo("258.00");
        assertThat(free.path("totals").path("adjustments").asString()).isEqualTo("-258.00");
        assertThat(new BigDecimal(free.path("totals").path("grandTotal").asString()))
                .isZero();
        assertThat(new BigDecimal(free.path("payment").path("captured").asString()))
                .isZero();

        // a lower price: the replacement is free and what the unit was paid (122.55) less 100.00 is due back
        JsonNode cheaper = json(hub.post("/api/orders/" + orderId + "/returns", OPERATOR, """
                        {"lines": [{"lineId": "1", "quantity": 1,
                                    "exchange": {"sku": "DRILL-18V", "quantity": 1, "unitPrice": "100.00"}}]}"""), 201);
        assertThat(cheaper.path("exchangeRefundDue").asString()).isEqualTo("22.55");

        HttpResponse<String> refused = hub.post("/api/orders/" + orderId + "/returns", OPERATOR, """
                {"lines": [{"lineId": "1", "quantity": 1, "exchange": {"sku": "", "quantity": 1}}]}""");
        assertThat(json(refused, 422).path("rule").asString()).isEqualTo("line 1: an exchange needs a sku");
    }
}
