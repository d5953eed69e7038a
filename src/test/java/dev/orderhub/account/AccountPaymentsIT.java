package dev.orderhub.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orderhub.event.PublishedSchemas;
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
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * B2B credit that frees up: WAYNE-05 (limit 1,000.00, used by no other test) is billed on terms for README's order
 * (552.29); a second one waits for approval over the limit, and the payment of the first one's invoice frees the
 * limit so that a third one is approved by itself. Payments are recorded once per reference.
 */
@HubTest
class AccountPaymentsIT {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration PIPELINE = Duration.ofSeconds(60);
    private static final String ACCOUNT = "WAYNE-05";

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
    void aPaymentOfTheInvoiceFreesTheCreditLimitForTheNextOrder() {
        String first = submitOnTerms();
        JsonNode closed = awaitStatus(first, "CLOSED");
        assertThat(closed.path("totals").path("grandTotal").asString()).isEqualTo("552.29");
        String invoice = closed.path("invoices").get(0).path("number").asString();

        JsonNode owing = account();
        assertThat(owing.path("creditLimit").asString()).isEqualTo("1000.00");
        assertThat(owing.path("balance").path("USD").asString()).isEqualTo("552.29");
        assertThat(owing.path("openInvoices")).singleElement().satisfies(i -> {
            assertThat(i.path("number").asString()).isEqualTo(invoice);
            assertThat(i.path("orderId").asString()).isEqualTo(first);
            assertThat(i.path("total").asString()).isEqualTo("552.29");
            assertThat(i.path("paid").asString()).isEqualTo("0.00");
            assertThat(i.path("open").asString()).isEqualTo("552.29");
            assertThat(i.path("dueDate").isString()).isTrue();
        });

        String second = submitOnTerms();
        awaitStatus(second, "WAITING_APPROVAL");
        assertThat(account().path("balance").path("USD").asString())
                .as("an order waiting for approval commits no credit")
                .isEqualTo("552.29");

        String reference = "WIRE-" + UUID.randomUUID();
        HttpResponse<String> paid = pay("""
                {"amount": "552.29", "currency": "USD", "reference": "%s", "invoices": ["%s"]}""".formatted(reference, invoice));
        assertThat(paid.statusCode()).as(paid.body()).isEqualTo(201);
        JsonNode payment = JSON.readTree(paid.body());
        assertThat(payment.path("created").asBoolean()).isTrue();
        assertThat(payment.path("unapplied").asString()).isEqualTo("0.00");
        assertThat(payment.path("applied")).singleElement().satisfies(a -> {
            assertThat(a.path("invoiceNumber").asString()).isEqualTo(invoice);
            assertThat(a.path("amount").asString()).isEqualTo("552.29");
        });

        JsonNode settled = account();
        assertThat(settled.path("balance").size())
                .as("owes nothing: %s", settled)
                .isZero();
        assertThat(settled.path("openInvoices").size()).isZero();
        assertThat(awaitStatus(second, "WAITING_APPROVAL").path("status").asString())
                .as("a payment approves no order waiting for approval; an operator does")
                .isEqualTo("WAITING_APPROVAL");

        String third = submitOnTerms();
        awaitStatus(third, "CLOSED");
        assertThat(history(third))
                .anySatisfy(detail -> assertThat(detail).contains("open balance 0.00 + 552.29 within limit 1000.00"));

        HttpResponse<String> again = pay("""
                {"amount": "552.29", "currency": "USD", "reference": "%s", "invoices": ["%s"]}""".formatted(reference, invoice));
        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
        assertThat(JSON.readTree(again.body()).path("created").asBoolean()).isFalse();
        HttpResponse<String> otherAmount = pay("""
                {"amount": "500.00", "currency": "USD", "reference": "%s"}""".formatted(reference));
        assertThat(otherAmount.statusCode()).as(otherAmount.body()).isEqualTo(409);
        assertThat(otherAmount.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(JSON.readTree(otherAmount.body()).path("rule").asString()).isEqualTo("reference-once");

        JsonNode after = account();
        assertThat(after.path("payments"))
                .singleElement()
                .satisfies(p -> assertThat(p.path("reference").asString()).isEqualTo(reference));
        assertThat(after.path("balance").path("USD").asString())
                .as("the third order, invoiced and not paid")
                .isEqualTo("552.29");
        assertThat(after.path("openInvoices"))
                .singleElement()
                .satisfies(i -> assertThat(i.path("orderId").asString()).isEqualTo(third));

        List<String> events = jdbc.sql("SELECT payload FROM outbox WHERE subject = ? AND type = ?")
                .param(ACCOUNT)
                .param("orderhub.payment.received")
                .query(String.class)
                .list();
        assertThat(events).as("one event for one payment").hasSize(1);
        JsonNode event = JSON.readTree(events.get(0));
        assertThat(PublishedSchemas.validate("events/cloudevent.json", event)).isEmpty();
        assertThat(PublishedSchemas.eventData("orderhub.payment.received").validate(event.path("data")))
                .isEmpty();
        assertThat(event.path("data").path("reference").asString()).isEqualTo(reference);
        ObjectNode tampered = (ObjectNode) event.path("data").deepCopy();
        tampered.put("amount", 552.29);
        assertThat(PublishedSchemas.eventData("orderhub.payment.received").validate(tampered))
                .isNotEmpty();
    }

    /** ACME-01 is shared with other tests: only this test's own invoice is looked at. */
    @Test
    void aPartPaymentLeavesTheRestOpenUntilTheInvoiceIsPaidInFull() {
        String account = "ACME-01";
        String id = submitOnTerms(account);
        awaitStatus(id, "CLOSED");
        JsonNode invoice = openInvoiceOf(account, id);
        String number = invoice.path("number").asString();
        assertThat(invoice.path("open").asString()).isEqualTo("552.29");

        HttpResponse<String> part = pay(account, """
                {"amount": "100.00", "currency": "USD", "reference": "PART-%s", "invoices": ["%s"]}""".formatted(UUID.randomUUID(), number));
        assertThat(part.statusCode()).as(part.body()).isEqualTo(201);
        JsonNode rest = openInvoiceOf(account, id);
        assertThat(rest.path("paid").asString()).isEqualTo("100.00");
        assertThat(rest.path("open").asString()).isEqualTo("452.29");

        HttpResponse<String> remainder = pay(account, """
                {"amount": "452.29", "currency": "USD", "reference": "REST-%s", "invoices": ["%s"]}""".formatted(UUID.randomUUID(), number));
        assertThat(remainder.statusCode()).as(remainder.body()).isEqualTo(201);
        assertThat(account(account).path("openInvoices").valueStream())
                .as("paid in full, the invoice is no longer open")
                .noneSatisfy(i -> assertThat(i.path("orderId").asString()).isEqualTo(id));
        HttpResponse<String> again = pay(account, """
                {"amount": "1.00", "currency": "USD", "reference": "MORE-%s", "invoices": ["%s"]}""".formatted(UUID.randomUUID(), number));
        assertThat(again.statusCode()).as(again.body()).isEqualTo(422);
        assertThat(JSON.readTree(again.body()).path("rule").asString()).isEqualTo("invoice-open-on-account");
    }

    private JsonNode openInvoiceOf(String accountId, String orderId) {
        return account(accountId)
                .path("openInvoices")
                .valueStream()
                .filter(i -> i.path("orderId").asString().equals(orderId))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no open invoice of " + orderId));
    }

    @Test
    void aRefusedPaymentNamesItsRule() {
        HttpResponse<String> negative = pay("""
                {"amount": "-10.00", "currency": "USD", "reference": "NEG-%s"}""".formatted(UUID.randomUUID()));
        assertThat(negative.statusCode()).as(negative.body()).isEqualTo(422);
        assertThat(negative.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(JSON.readTree(negative.body()).path("rule").asString()).isEqualTo("amount-positive");

        HttpResponse<String> notOpen = pay("""
                {"amount": "10.00", "currency": "USD", "reference": "X-%s", "invoices": ["INV-99999999"]}""".formatted(UUID.randomUUID()));
        assertThat(notOpen.statusCode()).as(notOpen.body()).isEqualTo(422);
        assertThat(JSON.readTree(notOpen.body()).path("rule").asString()).isEqualTo("invoice-open-on-account");

        HttpResponse<String> unknown =
                hub.post("/api/accounts/NOBODY-" + UUID.randomUUID() + "/payments", HubTestContext.OPERATOR_KEY, """
                {"amount": "10.00", "currency": "USD", "reference": "R-1"}""");
        assertThat(unknown.statusCode()).as(unknown.body()).isEqualTo(404);
        assertThat(hub.get("/api/accounts/NOBODY-" + UUID.randomUUID(), HubTestContext.OPERATOR_KEY)
                        .statusCode())
                .isEqualTo(404);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM account_payments WHERE reference LIKE 'NEG-%' OR reference = 'R-1'")
                        .query(Integer.class)
                        .single())
                .isZero();
    }

    private String submitOnTerms() {
        return submitOnTerms(ACCOUNT);
    }

    private String submitOnTerms(String accountId) {
        ObjectNode order = (ObjectNode) JSON.readTree(SampleOrders.fresh());
        order.set("account", JSON.createObjectNode().put("accountId", accountId).put("name", "Wayne Enterprises"));
        order.set("payment", JSON.createObjectNode().put("method", "INVOICE").put("terms", "NET30"));
        HttpResponse<String> response =
                hub.post("/api/orders", HubTestContext.INGEST_KEY, JSON.writeValueAsString(order));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return JSON.readTree(response.body()).path("id").asString();
    }

    private JsonNode awaitStatus(String id, String status) {
        await().atMost(PIPELINE)
                .pollInterval(Duration.ofMillis(150))
                .untilAsserted(
                        () -> assertThat(order(id).path("status").asString()).isEqualTo(status));
        return order(id);
    }

    private JsonNode order(String id) {
        HttpResponse<String> response = hub.get("/api/orders/" + id, HubTestContext.OPERATOR_KEY);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private List<String> history(String id) {
        HttpResponse<String> response = hub.get("/api/orders/" + id + "/history?size=500", HubTestContext.OPERATOR_KEY);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body())
                .path("items")
                .valueStream()
                .map(e -> e.path("detail").asString())
                .toList();
    }

    private JsonNode account() {
        return account(ACCOUNT);
    }

    private JsonNode account(String accountId) {
        HttpResponse<String> response = hub.get("/api/accounts/" + accountId, HubTestContext.OPERATOR_KEY);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private HttpResponse<String> pay(String json) {
        return pay(ACCOUNT, json);
    }

    private HttpResponse<String> pay(String accountId, String json) {
        return hub.post("/api/accounts/" + accountId + "/payments", HubTestContext.OPERATOR_KEY, json);
    }
}
