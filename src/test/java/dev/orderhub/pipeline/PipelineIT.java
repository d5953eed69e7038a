package dev.orderhub.pipeline;

import static dev.orderhub.pipeline.PipelineHub.JSON;
import static dev.orderhub.pipeline.PipelineHub.delivery;
import static dev.orderhub.pipeline.PipelineHub.list;
import static dev.orderhub.pipeline.PipelineHub.onlyLine;
import static dev.orderhub.pipeline.PipelineHub.readmeOrder;
import static dev.orderhub.pipeline.PipelineHub.shipTo;
import static dev.orderhub.pipeline.PipelineHub.transactions;
import static org.assertj.core.api.Assertions.assertThat;

import dev.orderhub.support.HubTest;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The order pipeline end to end on the embedded PostgreSQL and Artemis with the sandbox connectors: a card order
 * from one POST to CLOSED (taxed, authorised, allocated, exported, shipped by the sandbox ERP, invoiced, captured),
 * and the same for other currencies and scales. Amounts are compared as exact decimal strings.
 */
@HubTest
class PipelineIT {
    @LocalServerPort
    int port;

    @Autowired
    Environment environment;

    @Autowired
    JdbcClient jdbc;

    PipelineHub hub;

    @BeforeEach
    void hub() {
        hub = new PipelineHub(port, environment);
    }

    @Test
    void readmeCardOrderRunsToClosed() {
        String id = hub.submit(readmeOrder());

        JsonNode order = hub.awaitOrder(id, "CLOSED", o -> o.path("invoices").size() == 1);

        JsonNode totals = order.path("totals");
        assertThat(totals.path("products").asString()).isEqualTo("516.00");
        assertThat(totals.path("adjustments").asString()).isEqualTo("-25.80");
        assertThat(totals.path("charges").asString()).isEqualTo("20.00");
        assertThat(totals.path("tax").asString()).isEqualTo("42.09");
        assertThat(totals.path("grandTotal").asString()).isEqualTo("552.29");

        // Austin, TX 78744: state 6.25% and Austin 2% on 490.20; delivery taxable in Texas
        JsonNode line = order.path("lines").get(0);
        assertThat(list(line.path("taxLines")))
                .extracting(t -> t.path("jurisdiction").asString() + " "
                        + t.path("amount").asString())
                .containsExactly("US-TX 30.64", "US-TX-787 9.80");
        assertThat(list(order.path("charges").get(0).path("taxLines")))
                .extracting(t -> t.path("amount").asString())
                .containsExactly("1.25", "0.40");
        JsonNode quantities = line.path("quantities");
        assertThat(quantities.path("ordered").asInt()).isEqualTo(4);
        assertThat(quantities.path("allocated").asInt()).isEqualTo(4);
        assertThat(quantities.path("fulfilled").asInt()).isEqualTo(4);
        assertThat(quantities.path("canceled").asInt()).isZero();

        List<JsonNode> fulfillmentOrders = list(order.path("fulfillmentOrders"));
        assertThat(fulfillmentOrders).hasSize(1);
        JsonNode fo = fulfillmentOrders.get(0);
        assertThat(fo.path("location").asString()).isEqualTo("WH-EAST");
        assertThat(fo.path("deliveryGroupId").asString()).isEqualTo("DG1");
        assertThat(fo.path("status").asString()).isEqualTo("FULFILLED");
        assertThat(fo.path("lines").get(0).path("quantity").asInt()).isEqualTo(4);
        assertThat(fo.path("lines").get(0).path("shipped").asInt()).isEqualTo(4);
        List<JsonNode> shipments = list(fo.path("shipments"));
        assertThat(shipments).hasSize(1);
        assertThat(shipments.get(0).path("carrier").asString()).isEqualTo("SANDBOX-PARCEL");
        assertThat(shipments.get(0).path("trackingNumber").asString()).matches("1ZSBX\\d{10}");

        JsonNode invoice = order.path("invoices").get(0);
        assertThat(invoice.path("number").asString()).matches("INV-\\d{8}");
        assertThat(invoice.path("shipmentId").asString())
                .isEqualTo(shipments.get(0).path("id").asString());
        assertThat(invoice.path("currency").asString()).isEqualTo("USD");
        assertThat(invoice.path("products").asString()).isEqualTo("516.00");
        assertThat(invoice.path("adjustments").asString()).isEqualTo("-25.80");
        assertThat(invoice.path("chargesTotal").asString()).isEqualTo("20.00");
        assertThat(invoice.path("tax").asString()).isEqualTo("42.09");
        assertThat(invoice.path("total").asString()).isEqualTo("552.29");
        assertThat(invoice.path("lines").get(0).path("quantity").asInt()).isEqualTo(4);
        assertThat(invoice.has("dueDate")).as("a card invoice is paid, not due").isFalse();

        JsonNode payment = order.path("payment");
        assertThat(payment.path("method").asString()).isEqualTo("CARD");
        assertThat(payment.path("authorized").asString()).isEqualTo("552.29");
        assertThat(payment.path("captured").asString()).isEqualTo("552.29");
        assertThat(payment.path("refunded").asString()).isEqualTo("0.00");
        assertThat(payment.path("balance").asString()).isEqualTo("0.00");
        assertThat(transactions(order)).containsExactly("AUTHORIZE APPROVED 552.29", "CAPTURE APPROVED 552.29");
        assertThat(order.path("activeProcessExceptions").size()).isZero();
        hub.assertNoProcessExceptions(id);

        // history, oldest first: one entry per step, each status reached once and in order
        assertThat(hub.historyActions(id))
                .containsExactly("CREATED", "ACCEPTED", "AUTHORIZED", "ALLOCATED", "SHIPPED", "INVOICED", "CLOSED");
        assertThat(hub.statusPath(id))
                .containsExactly("RECEIVED", "ACCEPTED", "APPROVED", "ALLOCATED", "FULFILLED", "CLOSED");

        // events through the outbox, in the order the steps wrote them
        List<JsonNode> events = jdbc
                .sql("SELECT payload FROM outbox WHERE subject = ? ORDER BY id")
                .param(id)
                .query(String.class)
                .list()
                .stream()
                .map(JSON::readTree)
                .toList();
        assertThat(events)
                .extracting(e -> e.path("type").asString())
                .containsSubsequence(
                        "orderhub.order.created",
                        "orderhub.fulfillment-order.created",
                        "orderhub.shipment.created",
                        "orderhub.invoice.created",
                        "orderhub.payment.captured");
        assertThat(events.stream()
                        .filter(e -> e.path("type").asString().equals("orderhub.order.status-changed"))
                        .map(e -> e.path("data").path("to").asString()))
                .containsExactly("ACCEPTED", "APPROVED", "ALLOCATED", "FULFILLED", "CLOSED");
        assertThat(events.stream()
                        .filter(e -> e.path("type").asString().equals("orderhub.payment.captured"))
                        .map(e -> e.path("data").path("amount").asString()))
                .containsExactly("552.29");
    }

    @Test
    void usdAndEurOrdersInOneRunCloseInTheirOwnCurrency() {
        String usd = hub.submit(readmeOrder());
        ObjectNode eurOrder = germanConsumerOrder();
        onlyLine(eurOrder, "DRILL-18V", 3, "49.99");
        delivery(eurOrder, "4.90");
        String eur = hub.submit(eurOrder);

        JsonNode dollars = hub.awaitOrder(usd, "CLOSED", o -> o.path("invoices").size() == 1);
        JsonNode euros = hub.awaitOrder(eur, "CLOSED", o -> o.path("invoices").size() == 1);

        assertThat(dollars.path("currency").asString()).isEqualTo("USD");
        assertThat(dollars.path("totals").path("grandTotal").asString()).isEqualTo("552.29");
        assertThat(dollars.path("invoices").get(0).path("currency").asString()).isEqualTo("USD");
        assertThat(dollars.path("invoices").get(0).path("total").asString()).isEqualTo("552.29");
        assertThat(dollars.path("payment").path("captured").asString()).isEqualTo("552.29");

        // Germany 19% VAT: 149.97 → 28.49, delivery 4.90 → 0.93
        assertThat(euros.path("currency").asString()).isEqualTo("EUR");
        JsonNode totals = euros.path("totals");
        assertThat(totals.path("products").asString()).isEqualTo("149.97");
        assertThat(totals.path("adjustments").asString()).isEqualTo("0.00");
        assertThat(totals.path("charges").asString()).isEqualTo("4.90");
        assertThat(totals.path("tax").asString()).isEqualTo("29.42");
        assertThat(totals.path("grandTotal").asString()).isEqualTo("184.29");
        JsonNode invoice = euros.path("invoices").get(0);
        assertThat(invoice.path("currency").asString()).isEqualTo("EUR");
        assertThat(invoice.path("tax").asString()).isEqualTo("29.42");
        assertThat(invoice.path("total").asString()).isEqualTo("184.29");
        JsonNode payment = euros.path("payment");
        assertThat(payment.path("authorized").asString()).isEqualTo("184.29");
        assertThat(payment.path("captured").asString()).isEqualTo("184.29");
        assertThat(payment.path("balance").asString()).isEqualTo("0.00");
        assertThat(transactions(euros)).containsExactly("AUTHORIZE APPROVED 184.29", "CAPTURE APPROVED 184.29");
    }

    @Test
    void yenOrderKeepsZeroDecimalsToClosed() {
        ObjectNode order = readmeOrder();
        order.put("currency", "JPY");
        order.remove("account");
        shipTo(order, """
                {"name": "Yamada Shoji", "line1": "1-1 Marunouchi", "city": "Tokyo", "postalCode": "100-0005",
                 "country": "JP"}""");
        onlyLine(order, "DRILL-18V", 2, "12800");
        delivery(order, "1500");
        String id = hub.submit(order);

        JsonNode closed = hub.awaitOrder(id, "CLOSED", o -> o.path("invoices").size() == 1);

        JsonNode totals = closed.path("totals");
        assertThat(totals.path("products").asString()).isEqualTo("25600");
        assertThat(totals.path("adjustments").asString()).isEqualTo("0");
        assertThat(totals.path("charges").asString()).isEqualTo("1500");
        assertThat(totals.path("tax").asString()).isEqualTo("0");
        assertThat(totals.path("grandTotal").asString()).isEqualTo("27100");
        JsonNode taxLine = closed.path("lines").get(0).path("taxLines").get(0);
        assertThat(taxLine.path("amount").asString()).isEqualTo("0");
        assertThat(taxLine.path("note").asString()).isEqualTo("no tax rule applies to JP: no tax charged");
        JsonNode invoice = closed.path("invoices").get(0);
        assertThat(invoice.path("currency").asString()).isEqualTo("JPY");
        assertThat(invoice.path("products").asString()).isEqualTo("25600");
        assertThat(invoice.path("tax").asString()).isEqualTo("0");
        assertThat(invoice.path("total").asString()).isEqualTo("27100");
        JsonNode payment = closed.path("payment");
        assertThat(payment.path("authorized").asString()).isEqualTo("27100");
        assertThat(payment.path("captured").asString()).isEqualTo("27100");
        assertThat(payment.path("refunded").asString()).isEqualTo("0");
        assertThat(payment.path("balance").asString()).isEqualTo("0");
        assertThat(transactions(closed)).containsExactly("AUTHORIZE APPROVED 27100", "CAPTURE APPROVED 27100");
    }

    /** A consumer in Berlin paying in euros (no account, no VAT id). */
    static ObjectNode germanConsumerOrder() {
        ObjectNode order = readmeOrder();
        order.put("currency", "EUR");
        order.remove("account");
        order.remove("poNumber");
        shipTo(order, """
                {"name": "Lena Vogel", "line1": "Hauptstr. 5", "city": "Berlin", "postalCode": "10115",
                 "country": "DE"}""");
        return order;
    }
}
