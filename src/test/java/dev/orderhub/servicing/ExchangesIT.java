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
import dev.orderhub.support.HubTestContext;
import dev.orderhub.support.SampleOrders;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Exchanges on the real hub: a returned line of a closed card order (4 x 129.00, a 25.80 discount) asks for another
 * item; once the return is authorised a replacement order on channel exchange runs the pipeline to CLOSED, charging
 * the difference of a higher price, nothing for the same price, and leaving a lower price's difference to refund.
 */
@HubTest
class ExchangesIT {
    private static final JsonMapper JSON = JsonMapper.builder().build();

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
        JsonNode noSku = json(refused, 422);
        assertThat(noSku.path("rule").asString()).isEqualTo("exchange-sku-required");
        assertThat(noSku.path("detail").asString()).isEqualTo("line 1: an exchange needs a sku");
    }

    @Test
    void aUnitPriceWithMoreDecimalsThanTheCurrencyHasIsRefused() {
        String orderId = closedOrder(hub);
        long version = order(hub, orderId).path("version").asLong();

        JsonNode refused = json(returns(orderId, false, exchange("\"DRILL-18V\"", "1", "\"5.001\"")), 422);
        assertThat(refused.path("rule").asString()).isEqualTo("amount-scale");
        assertThat(refused.path("detail").asString())
                .isEqualTo("line 1: an exchange's unitPrice 5.001 has more decimals than USD allows");
        JsonNode after = order(hub, orderId);
        assertThat(after.path("version").asLong()).isEqualTo(version);
        assertThat(after.path("returnOrders")).isEmpty();

        // trailing zeros are no extra decimals
        JsonNode requested = json(returns(orderId, false, exchange("\"DRILL-18V\"", "1", "\"5.1000\"")), 201);
        assertThat(requested
                        .path("lines")
                        .path(0)
                        .path("exchange")
                        .path("unitPrice")
                        .asString())
                .isEqualTo("5.10");
    }

    @Test
    void aReturnPreviewRunsTheExchangeRulesOfTheRealRequest() {
        String orderId = closedOrder(hub);
        long version = order(hub, orderId).path("version").asLong();

        // an exchanged unit is not credited when it comes back (its value goes to the replacement): no memo, no refund
        JsonNode exchanged = json(returns(orderId, true, exchange("\"DRILL-18V\"", "1", null)), 200);
        assertThat(exchanged
                        .path("lines")
                        .path(0)
                        .path("after")
                        .path("returnInitiated")
                        .asInt())
                .isEqualTo(1);
        assertThat(exchanged.hasNonNull("creditMemo")).isFalse();
        assertThat(exchanged.path("refunds")).isEmpty();
        assertThat(exchanged.path("refund").asString()).isEqualTo("0.00");
        // a lower price: the refund due the return order would carry (122.55 paid less 100.00)
        JsonNode cheaper = json(returns(orderId, true, exchange("\"DRILL-18V\"", "1", "\"100.00\"")), 200);
        assertThat(cheaper.path("exchangeRefundDue").asString()).isEqualTo("22.55");
        assertThat(cheaper.hasNonNull("creditMemo")).isFalse();

        // whatever the real request refuses, the preview refuses with the same status and rule
        for (String[] refusal : List.of(
                new String[] {exchange("\"\"", "1", null), "exchange-sku-required"},
                new String[] {exchange("\"DRILL-18V\"", "0", null), "exchange-quantity-not-positive"},
                new String[] {exchange("\"DRILL-18V\"", "1", "\"-1.00\""), "exchange-price-below-zero"},
                new String[] {exchange("\"DRILL-18V\"", "1", "\"5.001\""), "amount-scale"})) {
            for (boolean preview : List.of(true, false)) {
                assertThat(json(returns(orderId, preview, refusal[0]), 422)
                                .path("rule")
                                .asString())
                        .as("%s, preview %s", refusal[0], preview)
                        .isEqualTo(refusal[1]);
            }
        }
        JsonNode after = order(hub, orderId);
        assertThat(after.path("version").asLong()).isEqualTo(version);
        assertThat(after.path("returnOrders")).isEmpty();
    }

    @Test
    void aPrepaidOrderTakesNoExchangeNorDoesItsPreview() {
        ObjectNode body = (ObjectNode) JSON.readTree(SampleOrders.fresh());
        body.putObject("payment")
                .put("method", "PREPAID")
                .put("reference", "channel-auth-" + UUID.randomUUID())
                .put("amount", "552.29");
        String posted = json(hub.post("/api/orders", HubTestContext.INGEST_KEY, JSON.writeValueAsString(body)), 202)
                .path("id")
                .asString();
        String orderId = awaitClosed(hub, posted).path("id").asString();

        for (boolean preview : List.of(true, false)) {
            JsonNode refused = json(returns(orderId, preview, exchange("\"DRILL-18V\"", "1", null)), 422);
            assertThat(refused.path("rule").asString())
                    .as("preview %s", preview)
                    .isEqualTo("exchange-prepaid");
            assertThat(refused.path("detail").asString())
                    .isEqualTo("line 1: a PREPAID order takes no exchange (the channel authorised its own amount)");
        }
        assertThat(order(hub, orderId).path("returnOrders")).isEmpty();
        // money back is what a PREPAID order takes: 1 of 4 drills, 530.64 / 4 = 132.66
        JsonNode moneyBack = json(returns(orderId, true, "{\"lines\": [{\"lineId\": \"1\", \"quantity\": 1}]}"), 200);
        assertThat(moneyBack.path("creditMemo").path("total").asString()).isEqualTo("132.66");
    }

    /** A return of one unit of line 1 asking for an exchange; a null argument is left out. */
    private static String exchange(String sku, String quantity, String unitPrice) {
        return "{\"lines\": [{\"lineId\": \"1\", \"quantity\": 1, \"exchange\": {\"sku\": " + sku
                + ", \"quantity\": " + quantity + (unitPrice == null ? "" : ", \"unitPrice\": " + unitPrice)
                + "}}]}";
    }

    private HttpResponse<String> returns(String orderId, boolean preview, String body) {
        return hub.post("/api/orders/" + orderId + "/returns" + (preview ? "?preview=true" : ""), OPERATOR, body);
    }
}
