package dev.orderhub.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.networknt.schema.Error;
import dev.orderhub.support.HubClient;
import dev.orderhub.support.HubTest;
import dev.orderhub.support.HubTestContext;
import dev.orderhub.support.SampleOrders;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Keeps the published JSON Schemas true: what the running hub answers and publishes for real orders validates
 * against schema/order-summary.json, schema/events/cloudevent.json and schema/events/&lt;type&gt;.json, and the
 * schemas refuse what the hub would never send.
 */
@HubTest
class SchemasIT {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration PIPELINE = Duration.ofSeconds(60);

    /** The types one README order publishes on its way to CLOSED. */
    private static final List<String> HAPPY_PATH = List.of(
            "orderhub.order.created",
            "orderhub.order.status-changed",
            "orderhub.fulfillment-order.created",
            "orderhub.fulfillment-order.status-changed",
            "orderhub.shipment.created",
            "orderhub.invoice.created",
            "orderhub.payment.captured");

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
    void readmeOrderRunToClosedMatchesTheSummaryAndEventSchemas() {
        String id = submit(SampleOrders.fresh());

        await().atMost(PIPELINE)
                .untilAsserted(
                        () -> assertThat(summary(id).path("status").asString()).isEqualTo("CLOSED"));
        JsonNode summary = summary(id);
        assertValid("order-summary.json", summary, "summary of " + id);
        // the nested schemas (fulfillment orders, shipments, invoices, payment calls) were really exercised
        assertThat(summary.path("fulfillmentOrders").size()).isPositive();
        assertThat(summary.path("fulfillmentOrders").path(0).path("shipments").size())
                .isPositive();
        assertThat(summary.path("invoices").size()).isPositive();
        assertThat(summary.path("payment").path("transactions").size()).isPositive();

        // the real summary, tampered with deep inside, is refused: the references into order.json and the event
        // schemas are resolved and enforced, not skipped
        assertSummaryRefused(summary, "a line status no one defined", s -> line(s).put("status", "SHIPPED"));
        assertSummaryRefused(
                summary, "money as a JSON number", s -> ((ObjectNode) s.path("totals")).put("grandTotal", 552.29));
        assertSummaryRefused(
                summary,
                "an invoice without its total",
                s -> ((ObjectNode) s.path("invoices").path(0)).remove("total"));
        assertSummaryRefused(
                summary,
                "a shipment without lines",
                s -> ((ObjectNode) s.path("fulfillmentOrders")
                                .path(0)
                                .path("shipments")
                                .path(0))
                        .remove("lines"));
        assertSummaryRefused(
                summary,
                "an unknown gateway outcome",
                s -> ((ObjectNode) s.path("payment").path("transactions").path(0)).put("outcome", "MAYBE"));
        assertSummaryRefused(
                summary,
                "an undocumented address field",
                s -> ((ObjectNode) s.path("deliveryGroups").path(0).path("shipTo")).put("planet", "Earth"));
        assertSummaryRefused(
                summary,
                "a tax line with a numeric rate",
                s -> ((ObjectNode) line(s).path("taxLines").path(0)).put("rate", 0.0625));

        List<JsonNode> events = assertEventsValid(id);
        Set<String> types = events.stream()
                .map(e -> e.path("type").asString())
                .collect(Collectors.toCollection(LinkedHashSet::new));
        assertThat(types).containsAll(HAPPY_PATH);

        // a real event, tampered with, is refused by both the data schema and the envelope
        JsonNode statusChanged = events.stream()
                .filter(e -> e.path("type").asString().equals("orderhub.order.status-changed"))
                .findFirst()
                .orElseThrow();
        ObjectNode tampered = (ObjectNode) statusChanged.deepCopy();
        ((ObjectNode) tampered.path("data")).remove("to");
        assertThat(PublishedSchemas.eventData("orderhub.order.status-changed").validate(tampered.path("data")))
                .extracting(Error::getKeyword)
                .contains("required");
        assertThat(PublishedSchemas.validate("events/cloudevent.json", tampered))
                .isNotEmpty();
    }

    @Test
    void declinedCardMakesAProcessExceptionEventThatMatchesItsSchema() {
        String id = submit(SampleOrders.fresh().replace("\"tok_visa\"", "\"tok_chargeDeclined\""));

        await().atMost(PIPELINE)
                .untilAsserted(() -> assertThat(outbox(id))
                        .extracting(r -> r.type())
                        .contains("orderhub.process-exception.created"));
        await().atMost(PIPELINE)
                .untilAsserted(
                        () -> assertThat(summary(id).path("status").asString()).isEqualTo("ON_HOLD"));

        List<JsonNode> events = assertEventsValid(id);
        JsonNode created = events.stream()
                .filter(e -> e.path("type").asString().equals("orderhub.process-exception.created"))
                .findFirst()
                .orElseThrow();
        JsonNode data = created.path("data");
        assertThat(data.path("category").asString()).isEqualTo("PAYMENT");
        assertThat(data.path("attachedTo").path("id").asString()).isEqualTo(id);
        assertThat(data.has("original"))
                .as("the original message stays out of the event")
                .isFalse();
        assertThat(data.has("history")).as("the history stays out of the event").isFalse();

        // the held order's summary, with its active exception, matches too
        JsonNode summary = summary(id);
        assertValid("order-summary.json", summary, "summary of held " + id);
        assertThat(summary.path("activeProcessExceptions")
                        .path(0)
                        .path("number")
                        .asString())
                .isEqualTo(data.path("number").asString());
    }

    @Test
    void everyEventTypeHasItsPublishedSchema() throws IOException {
        Set<String> enumerated = new LinkedHashSet<>();
        JsonNode envelope = resource("events/cloudevent.json");
        envelope.path("properties").path("type").path("enum").forEach(t -> enumerated.add(t.asString()));
        Set<String> types = Arrays.stream(EventType.values())
                .map(EventType::type)
                .collect(Collectors.toCollection(LinkedHashSet::new));
        assertThat(enumerated).as("types in cloudevent.json").isEqualTo(types);
        for (String type : types) {
            String path = "events/" + type + ".json";
            JsonNode schema = resource(path);
            assertThat(schema.path("$id").asString()).as(path).isEqualTo(PublishedSchemas.BASE + path);
            assertThat(schema.path("title").asString()).as(path).isNotBlank();
            assertThat(schema.path("description").asString()).as(path).isNotBlank();
            assertThat(PublishedSchemas.eventData(type)).as(path).isNotNull();
        }
        for (String path : List.of("order-summary.json", "events/cloudevent.json")) {
            assertThat(resource(path).path("$id").asString()).isEqualTo(PublishedSchemas.BASE + path);
        }
    }

    @Test
    void schemasRefuseTamperedEvents() {
        JsonNode statusChanged = JSON.readTree("""
                {"specversion": "1.0", "id": "5b0c3f4e-6f55-4a57-9d56-0d7c3c1c2a11", "source": "/orderhub",
                 "type": "orderhub.order.status-changed", "subject": "1f6a1d7e-8a3e-4c36-bf0b-3d2f9f0b6c01",
                 "time": "2026-11-02T09:30:01.123Z", "datacontenttype": "application/json",
                 "dataschema": "https://orderhub.dev/schema/events/orderhub.order.status-changed.json",
                 "data": {"orderId": "1f6a1d7e-8a3e-4c36-bf0b-3d2f9f0b6c01", "from": "RECEIVED", "to": "ACCEPTED",
                          "reason": "priced and taxed"}}""");
        assertValid("events/cloudevent.json", statusChanged, "the untampered event");
        assertValid("events/orderhub.order.status-changed.json", statusChanged.path("data"), "the untampered data");

        // data: `to` missing, an unknown status, an undocumented field
        assertRefused("orderhub.order.status-changed", statusChanged, data -> data.remove("to"), "required");
        assertRefused("orderhub.order.status-changed", statusChanged, data -> data.put("to", "SHIPPED"), "enum");
        assertRefused(
                "orderhub.order.status-changed", statusChanged, data -> data.put("extra", 1), "additionalProperties");

        // envelope: wrong specversion, a data schema that is not the type's, time that is no timestamp, no subject
        assertEnvelopeRefused(statusChanged, e -> e.put("specversion", "0.3"));
        assertEnvelopeRefused(
                statusChanged,
                e -> e.put("dataschema", "https://orderhub.dev/schema/events/orderhub.order.created.json"));
        assertEnvelopeRefused(statusChanged, e -> e.put("time", "yesterday"));
        assertEnvelopeRefused(statusChanged, e -> e.remove("subject"));
        assertEnvelopeRefused(statusChanged, e -> e.put("type", "orderhub.order.shipped"));

        // money is a decimal string, never a JSON number
        JsonNode captured = JSON.readTree("""
                {"orderId": "o-1", "invoiceNumber": "INV-00000001", "amount": "510.20", "currency": "USD",
                 "authorization": "auth_1"}""");
        assertValid("events/orderhub.payment.captured.json", captured, "a capture");
        ObjectNode asNumber = (ObjectNode) captured.deepCopy();
        asNumber.put("amount", 510.20);
        assertThat(PublishedSchemas.validate("events/orderhub.payment.captured.json", asNumber))
                .isNotEmpty();
    }

    // --- helpers

    private String submit(String order) {
        HttpResponse<String> posted = hub.post("/api/orders", HubTestContext.INGEST_KEY, order);
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(202);
        return JSON.readTree(posted.body()).path("id").asString();
    }

    private JsonNode summary(String id) {
        HttpResponse<String> response = hub.get("/api/orders/" + id, HubTestContext.OPERATOR_KEY);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    record OutboxRow(String type, String payload) {}

    private List<OutboxRow> outbox(String subject) {
        return jdbc.sql("SELECT type, payload FROM outbox WHERE subject = ? ORDER BY id")
                .param(subject)
                .query((rs, n) -> new OutboxRow(rs.getString(1), rs.getString(2)))
                .list();
    }

    /** Every outbox event of an order: the envelope against cloudevent.json, its data against events/<type>.json. */
    private List<JsonNode> assertEventsValid(String orderId) {
        List<OutboxRow> rows = outbox(orderId);
        assertThat(rows).as("outbox events of %s", orderId).isNotEmpty();
        List<String> failures = new ArrayList<>();
        List<JsonNode> events = new ArrayList<>();
        for (OutboxRow row : rows) {
            JsonNode event = JSON.readTree(row.payload());
            events.add(event);
            assertThat(event.path("type").asString())
                    .as("type column and envelope")
                    .isEqualTo(row.type());
            assertThat(event.path("subject").asString()).isEqualTo(orderId);
            List<Error> envelope = PublishedSchemas.validate("events/cloudevent.json", event);
            if (!envelope.isEmpty()) {
                failures.add(row.type() + " envelope:\n" + PublishedSchemas.describe(envelope) + "\n  event: " + event);
            }
            List<Error> data = PublishedSchemas.eventData(row.type()).validate(event.path("data"));
            if (!data.isEmpty()) {
                failures.add(
                        row.type() + " data:\n" + PublishedSchemas.describe(data) + "\n  data: " + event.path("data"));
            }
        }
        failures.forEach(System.out::println);
        assertThat(failures)
                .as("events of %s that do not match their schema:%n%s", orderId, String.join("\n", failures))
                .isEmpty();
        return events;
    }

    private static void assertValid(String path, JsonNode instance, String what) {
        List<Error> errors = PublishedSchemas.validate(path, instance);
        if (!errors.isEmpty()) {
            System.out.println(what + " does not match " + path + ":\n" + PublishedSchemas.describe(errors)
                    + "\n  instance: " + instance);
        }
        assertThat(errors)
                .as("%s against %s:%n%s%n  instance: %s", what, path, PublishedSchemas.describe(errors), instance)
                .isEmpty();
    }

    private static JsonNode resource(String path) throws IOException {
        try (InputStream in = SchemasIT.class.getResourceAsStream("/schema/" + path)) {
            assertThat(in).as("schema/%s on the classpath", path).isNotNull();
            return JSON.readTree(in);
        }
    }

    private static ObjectNode line(ObjectNode summary) {
        return (ObjectNode) summary.path("lines").path(0);
    }

    private static void assertSummaryRefused(JsonNode summary, String what, Consumer<ObjectNode> tamper) {
        ObjectNode tampered = (ObjectNode) summary.deepCopy();
        tamper.accept(tampered);
        assertThat(PublishedSchemas.validate("order-summary.json", tampered))
                .as("summary with %s", what)
                .isNotEmpty();
    }

    private static void assertRefused(String type, JsonNode event, Consumer<ObjectNode> tamper, String keyword) {
        ObjectNode tampered = (ObjectNode) event.deepCopy();
        tamper.accept((ObjectNode) tampered.path("data"));
        List<Error> errors = PublishedSchemas.eventData(type).validate(tampered.path("data"));
        assertThat(errors)
                .as("%s data %s", type, tampered.path("data"))
                .extracting(Error::getKeyword)
                .contains(keyword);
        assertThat(PublishedSchemas.validate("events/cloudevent.json", tampered))
                .as("envelope applies the data schema too: %s", tampered)
                .isNotEmpty();
    }

    private static void assertEnvelopeRefused(JsonNode event, Consumer<ObjectNode> tamper) {
        ObjectNode tampered = (ObjectNode) event.deepCopy();
        tamper.accept(tampered);
        assertThat(PublishedSchemas.validate("events/cloudevent.json", tampered))
                .as("envelope %s", tampered)
                .isNotEmpty();
    }
}
