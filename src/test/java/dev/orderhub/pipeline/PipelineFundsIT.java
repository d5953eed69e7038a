package dev.orderhub.pipeline;

import static dev.orderhub.pipeline.PipelineHub.JSON;
import static dev.orderhub.pipeline.PipelineHub.firstLine;
import static dev.orderhub.pipeline.PipelineHub.readmeOrder;
import static dev.orderhub.pipeline.PipelineHub.readmeOrderPaidWith;
import static dev.orderhub.pipeline.PipelineHub.transactions;
import static org.assertj.core.api.Assertions.assertThat;

import dev.orderhub.support.HubTest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Ensure funds, end to end: terms over the credit limit wait for an operator, unknown accounts too, blocked accounts
 * are rejected, a declined card holds the order with a PAYMENT exception, a gateway timeout is retried, and a
 * channel's prepaid authorisation is captured against its own reference.
 */
@HubTest
class PipelineFundsIT {
    @LocalServerPort
    int port;

    @Autowired
    Environment environment;

    PipelineHub hub;

    @BeforeEach
    void hub() {
        hub = new PipelineHub(port, environment);
    }

    @Test
    void termsOverTheCreditLimitWaitForApprovalThenCloseBilledNet60() {
        ObjectNode order = readmeOrder();
        order.set("account", JSON.readTree("""
                {"accountId": "GLOBEX-02", "name": "Globex Corporation"}"""));
        order.set("payment", JSON.readTree("""
                {"method": "PURCHASE_ORDER", "terms": "NET60"}"""));
        firstLine(order).put("quantity", 10);
        String id = hub.submit(order);

        JsonNode waiting = hub.awaitStatus(id, "WAITING_APPROVAL");
        // 1290.00 - 25.80 + 20.00 + tax (79.01 + 25.28 + 1.25 + 0.40) = 1390.14 > GLOBEX-02's limit 1000.00
        assertThat(waiting.path("totals").path("tax").asString()).isEqualTo("105.94");
        assertThat(waiting.path("totals").path("grandTotal").asString()).isEqualTo("1390.14");
        assertThat(waiting.path("fulfillmentOrders").size())
                .as("nothing allocated before approval")
                .isZero();
        assertThat(hub.history(id)
                        .valueStream()
                        .filter(e ->
                                "WAITING_APPROVAL".equals(e.path("toStatus").asString()))
                        .map(e -> e.path("detail").asString()))
                .singleElement()
                .asString()
                .contains("GLOBEX-02")
                .contains("1390.14")
                .contains("exceeds limit 1000.00");
        assertThat(waiting.path("activeProcessExceptions").size())
                .as("waiting is a status, not an exception")
                .isZero();

        HttpResponse<String> approved = hub.approve(id);
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);

        JsonNode closed = hub.awaitOrder(id, "CLOSED", o -> o.path("invoices").size() == 1);
        JsonNode invoice = closed.path("invoices").get(0);
        assertThat(invoice.path("total").asString()).isEqualTo("1390.14");
        assertThat(invoice.path("paymentTerms").asString()).isEqualTo("NET60");
        LocalDate posted =
                LocalDate.ofInstant(Instant.parse(invoice.path("postedAt").asString()), ZoneOffset.UTC);
        assertThat(LocalDate.parse(invoice.path("dueDate").asString())).isEqualTo(posted.plusDays(60));
        JsonNode payment = closed.path("payment");
        assertThat(payment.path("method").asString()).isEqualTo("PURCHASE_ORDER");
        assertThat(payment.path("authorized").asString()).isEqualTo("0.00");
        assertThat(payment.path("captured").asString()).isEqualTo("0.00");
        assertThat(payment.path("balance").asString())
                .as("billed, owed until paid")
                .isEqualTo("1390.14");
        assertThat(transactions(closed))
                .as("terms are billed, never sent to the gateway")
                .isEmpty();
        assertThat(hub.statusPath(id))
                .containsSubsequence(
                        "RECEIVED", "ACCEPTED", "WAITING_APPROVAL", "APPROVED", "ALLOCATED", "FULFILLED", "CLOSED");
    }

    @Test
    void unknownAccountOnInvoiceWaitsForApprovalAndCanBeRejected() {
        ObjectNode order = readmeOrder();
        String account = "NOBODY-" + UUID.randomUUID();
        order.set("account", JSON.createObjectNode().put("accountId", account).put("name", "Nobody Ltd"));
        order.set("payment", JSON.readTree("""
                {"method": "INVOICE", "terms": "NET30"}"""));
        String id = hub.submit(order);

        JsonNode waiting = hub.awaitStatus(id, "WAITING_APPROVAL");
        assertThat(hub.history(id)
                        .valueStream()
                        .filter(e ->
                                "WAITING_APPROVAL".equals(e.path("toStatus").asString()))
                        .map(e -> e.path("detail").asString()))
                .singleElement()
                .asString()
                .contains("unknown account " + account);
        assertThat(waiting.path("totals").path("grandTotal").asString()).isEqualTo("552.29");

        HttpResponse<String> rejected = hub.reject(id, "no credit check on file");
        assertThat(rejected.statusCode()).as(rejected.body()).isEqualTo(200);

        JsonNode order1 = hub.awaitStatus(id, "REJECTED");
        assertThat(order1.path("fulfillmentOrders").size()).isZero();
        assertThat(order1.path("invoices").size()).isZero();
        assertThat(order1.path("lines")
                        .get(0)
                        .path("quantities")
                        .path("allocated")
                        .asInt())
                .isZero();
        assertThat(hub.history(id)
                        .valueStream()
                        .filter(e -> "REJECTED".equals(e.path("action").asString()))
                        .map(e -> e.path("detail").asString()))
                .singleElement()
                .asString()
                .contains("no credit check on file");
    }

    @Test
    void blockedAccountIsRejectedAtAcceptance() {
        ObjectNode order = readmeOrder();
        order.set("account", JSON.readTree("""
                {"accountId": "INITECH-03", "name": "Initech LLC"}"""));
        String id = hub.submit(order);

        JsonNode rejected = hub.awaitStatus(id, "REJECTED");

        assertThat(hub.statusPath(id)).containsExactly("RECEIVED", "REJECTED");
        assertThat(hub.history(id).get(1).path("detail").asString())
                .contains("INITECH-03")
                .contains("blocked");
        assertThat(transactions(rejected))
                .as("no card authorised for a blocked account")
                .isEmpty();
        assertThat(rejected.path("fulfillmentOrders").size()).isZero();
        assertThat(rejected.path("activeProcessExceptions").size()).isZero();
    }

    @Test
    void declinedCardHoldsTheOrderWithOnePaymentException() {
        String id = hub.submit(readmeOrderPaidWith("tok_chargeDeclined"));

        JsonNode held = hub.awaitOrder(
                id, "ON_HOLD", o -> o.path("activeProcessExceptions").size() == 1);

        JsonNode exceptions = hub.processExceptions(id);
        assertThat(exceptions.path("total").asLong()).isEqualTo(1);
        JsonNode pe = exceptions.path("items").get(0);
        assertThat(pe.path("number").asString()).matches("PE-\\d{8}");
        assertThat(pe.path("category").asString()).isEqualTo("PAYMENT");
        assertThat(pe.path("status").asString()).isEqualTo("NEW");
        assertThat(pe.path("attachedTo").path("type").asString()).isEqualTo("order");
        assertThat(pe.path("attachedTo").path("id").asString()).isEqualTo(id);
        assertThat(pe.path("message").asString()).contains("declined");
        assertThat(held.path("activeProcessExceptions").get(0).path("number").asString())
                .isEqualTo(pe.path("number").asString());
        // a decline is permanent: one gateway call, no retry, nothing captured or allocated
        assertThat(transactions(held)).containsExactly("AUTHORIZE DECLINED 552.29");
        assertThat(held.path("payment").path("authorized").asString()).isEqualTo("0.00");
        assertThat(held.path("fulfillmentOrders").size()).isZero();
        assertThat(hub.statusPath(id)).containsExactly("RECEIVED", "ACCEPTED", "ON_HOLD");
    }

    @Test
    void gatewayTimeoutsAreRetriedThenTheOrderCloses() {
        String id = hub.submit(readmeOrderPaidWith("tok_timeout"));

        JsonNode closed = hub.awaitOrder(id, "CLOSED", o -> o.path("invoices").size() == 1);

        assertThat(transactions(closed))
                .containsExactly(
                        "AUTHORIZE TIMEOUT 552.29",
                        "AUTHORIZE TIMEOUT 552.29",
                        "AUTHORIZE APPROVED 552.29",
                        "CAPTURE APPROVED 552.29");
        assertThat(closed.path("payment").path("authorized").asString()).isEqualTo("552.29");
        assertThat(closed.path("payment").path("captured").asString()).isEqualTo("552.29");
        assertThat(closed.path("payment").path("balance").asString()).isEqualTo("0.00");
        assertThat(hub.processExceptions(id).path("total").asLong())
                .as("retried within the step")
                .isZero();
    }

    @Test
    void prepaidOrderIsCapturedAgainstTheChannelsAuthorisation() {
        ObjectNode order = readmeOrder();
        String reference = "shopify-auth-" + UUID.randomUUID();
        order.set(
                "payment",
                JSON.createObjectNode()
                        .put("method", "PREPAID")
                        .put("reference", reference)
                        .put("amount", "552.29"));
        String id = hub.submit(order);

        JsonNode closed = hub.awaitOrder(id, "CLOSED", o -> o.path("invoices").size() == 1);

        JsonNode payment = closed.path("payment");
        assertThat(payment.path("method").asString()).isEqualTo("PREPAID");
        assertThat(payment.path("reference").asString()).isEqualTo(reference);
        assertThat(payment.path("authorized").asString()).isEqualTo("552.29");
        assertThat(payment.path("captured").asString()).isEqualTo("552.29");
        assertThat(payment.path("balance").asString()).isEqualTo("0.00");
        assertThat(transactions(closed))
                .as("no authorisation by the hub; one capture")
                .containsExactly("CAPTURE APPROVED 552.29");
        JsonNode capture = payment.path("transactions").get(0);
        assertThat(capture.path("message").asString()).isEqualTo("against " + reference);
        assertThat(closed.path("invoices").get(0).path("total").asString()).isEqualTo("552.29");
        hub.assertNoProcessExceptions(id);
    }

    @Test
    void prepaidAmountOtherThanTheGrandTotalHoldsTheOrderNamingBothAmounts() {
        ObjectNode order = readmeOrder();
        String reference = "channel-auth-" + UUID.randomUUID();
        order.set(
                "payment",
                JSON.createObjectNode()
                        .put("method", "PREPAID")
                        .put("reference", reference)
                        .put("amount", "550.00"));
        String id = hub.submit(order);

        JsonNode held = hub.awaitOrder(
                id, "ON_HOLD", o -> o.path("activeProcessExceptions").size() == 1);

        JsonNode pe = hub.processExceptions(id).path("items").get(0);
        assertThat(pe.path("category").asString()).isEqualTo("PAYMENT");
        assertThat(pe.path("message").asString())
                .contains(reference)
                .contains("550.00")
                .contains("552.29");
        assertThat(held.path("totals").path("grandTotal").asString()).isEqualTo("552.29");
        assertThat(held.path("payment").path("authorized").asString())
                .as("nothing recorded as authorised")
                .isEqualTo("0.00");
        assertThat(transactions(held)).isEmpty();
        assertThat(held.path("fulfillmentOrders").size()).isZero();
        assertThat(hub.statusPath(id)).containsExactly("RECEIVED", "ACCEPTED", "ON_HOLD");
    }
}
