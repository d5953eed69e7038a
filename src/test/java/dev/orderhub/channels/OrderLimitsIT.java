package dev.orderhub.channels;

import static dev.orderhub.channels.ChannelKit.INGEST;
import static dev.orderhub.channels.ChannelKit.JSON;
import static dev.orderhub.channels.ChannelKit.WAIT;
import static dev.orderhub.channels.ChannelKit.awaitMoved;
import static dev.orderhub.channels.ChannelKit.awaitOrder;
import static dev.orderhub.channels.ChannelKit.demoInbox;
import static dev.orderhub.channels.ChannelKit.drop;
import static dev.orderhub.channels.ChannelKit.exception;
import static dev.orderhub.channels.ChannelKit.exceptionsAt;
import static dev.orderhub.channels.ChannelKit.fixture;
import static dev.orderhub.channels.ChannelKit.unique;
import static dev.orderhub.support.HubOrders.orderCount;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orderhub.support.HubClient;
import dev.orderhub.support.HubTest;
import dev.orderhub.support.Kafka;
import dev.orderhub.support.SampleOrders;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An order whose text does not fit where the hub keeps it (a SKU, line id, account id or delivery group id longer
 * than its column, a NUL character PostgreSQL refuses in text, an amount or a sum of amounts of 10^15 or more, more
 * lines than {@code orderhub.orders.max-lines}) is
 * a validation error like any other: 400 on REST, one process exception and a dead letter on Kafka with the records
 * behind it going on, one process exception for the one order in a partner file.
 */
@HubTest
class OrderLimitsIT {
    private static final String CHANNEL = "b2b-portal";

    @LocalServerPort
    int port;

    @Autowired
    Environment environment;

    @Test
    void textLongerThanItsColumnOrWithNulIs400NamingTheField() {
        HubClient hub = new HubClient(port);
        assertRefused(hub, "lines[0].sku", o -> line(o).put("sku", "S".repeat(101)));
        assertRefused(hub, "lines[0].lineId", o -> line(o).put("lineId", "L".repeat(65)));
        assertRefused(
                hub, "account.accountId", o -> ((ObjectNode) o.path("account")).put("accountId", "A".repeat(101)));
        assertRefused(hub, "deliveryGroups[0].id", o -> {
            ((ObjectNode) o.path("deliveryGroups").path(0)).put("id", "G".repeat(65));
            line(o).put("deliveryGroupId", "G".repeat(65));
            ((ObjectNode) o.path("charges").path(0)).put("deliveryGroupId", "G".repeat(65));
        });
        assertRefused(hub, "lines[0].description", o -> line(o).put("description", "drill\u0000"));
        assertRefused(hub, "buyer.name", o -> ((ObjectNode) o.path("buyer")).put("name", "\u0000"));
        // money the store cannot hold: an amount, or amounts that add up beyond it
        assertRefused(hub, "lines[0].unitPrice", o -> line(o).put("unitPrice", "999999999999999999999999999999.00"));
        assertRefused(
                hub, "charges[0].amount", o -> ((ObjectNode) o.path("charges").path(0)).put("amount", 1e16));
        assertRefused(hub, "lines", o -> line(o).put("quantity", 2_000_000).put("unitPrice", "999999999.99"));

        // what fits its column still goes in
        String externalId = unique("LIMITS-FITS");
        ObjectNode fits = readme(externalId);
        line(fits).put("sku", "CH-LIMITS-" + "S".repeat(90)).put("lineId", "L".repeat(64));
        ((ObjectNode) fits.path("account")).put("accountId", "A".repeat(100));
        assertThat(hub.post("/api/orders", INGEST, JSON.writeValueAsString(fits))
                        .statusCode())
                .isEqualTo(202);
    }

    @Test
    void moreLinesThanTheLimitIs400() {
        HubClient hub = new HubClient(port);
        String externalId = unique("LIMITS-LINES");
        ObjectNode order = readme(externalId);
        ArrayNode lines = (ArrayNode) order.path("lines");
        JsonNode first = lines.get(0);
        lines.removeAll();
        for (int i = 0; i <= 10_000; i++) {
            lines.add(((ObjectNode) first.deepCopy()).put("lineId", "L" + i));
        }

        HttpResponse<String> response = hub.post("/api/orders", INGEST, JSON.writeValueAsString(order));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(errors(response)).containsEntry("lines", "has 10001 lines; at most 10000 are allowed");
        assertThat(orderCount(hub, CHANNEL, externalId)).isZero();
    }

    @Test
    void aKafkaRecordWithALongSkuIsRecordedAndDeadLetteredAndTheRecordsBehindItGoOn() throws Exception {
        HubClient hub = new HubClient(port);
        Instant start = Instant.now().minusSeconds(1);
        String badId = unique("LIMITS-KAFKA-BAD");
        ObjectNode bad = readme(badId);
        line(bad).put("sku", "S".repeat(101));
        String goodId = unique("LIMITS-KAFKA-GOOD");
        try (KafkaProducer<String, String> kafka = kafkaProducer()) {
            RecordMetadata sent = kafka.send(
                            new ProducerRecord<>("orderhub.orders.in", 0, badId, JSON.writeValueAsString(bad)))
                    .get(30, TimeUnit.SECONDS);
            kafka.send(new ProducerRecord<>("orderhub.orders.in", 0, goodId, JSON.writeValueAsString(readme(goodId))))
                    .get(30, TimeUnit.SECONDS);

            awaitOrder(hub, CHANNEL, goodId);
            String position = "topic orderhub.orders.in partition 0 offset " + sent.offset();
            List<JsonNode> found = await("the bad record's exception")
                    .atMost(WAIT)
                    .until(() -> exceptionsAt(hub, start, position), list -> !list.isEmpty());
            assertThat(found).hasSize(1);
            JsonNode pe = exception(hub, found.get(0).path("number").asString());
            assertThat(pe.path("category").asString()).isEqualTo("VALIDATION");
            assertThat(pe.path("message").asString()).contains("lines[0].sku");
            assertThat(orderCount(hub, CHANNEL, badId)).isZero();
        }
    }

    @Test
    void aCsvOrderWithALongSkuIsOneExceptionAndTheFileGoesOn() {
        HubClient hub = new HubClient(port);
        Instant start = Instant.now().minusSeconds(1);
        Path inbox = demoInbox(environment);
        String poA = unique("LIMITS-CSV-A");
        String poB = unique("LIMITS-CSV-B");
        String name = unique("limits") + ".csv";
        String csv = fixture("csv-two-orders.csv", Map.of("PO_A", poA, "PO_B", poB))
                .replace("CH-CSV-GADGET-3", "S".repeat(101));

        drop(inbox, name, csv);

        awaitMoved(inbox, name, ".done");
        awaitOrder(hub, "demo", poA);
        List<JsonNode> found = await("the bad order's exception")
                .atMost(WAIT)
                .until(() -> exceptionsAt(hub, start, name), list -> !list.isEmpty());
        assertThat(found).hasSize(1);
        assertThat(found.get(0).path("source").path("position").asString()).endsWith("row 4");
        assertThat(orderCount(hub, "demo", poB)).isZero();
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    private static void assertRefused(HubClient hub, String field, Consumer<ObjectNode> change) {
        String externalId = unique("LIMITS");
        ObjectNode order = readme(externalId);
        change.accept(order);
        HttpResponse<String> response = hub.post("/api/orders", INGEST, JSON.writeValueAsString(order));
        assertThat(response.statusCode()).as("%s: %s", field, response.body()).isEqualTo(400);
        assertThat(errors(response)).as(response.body()).containsKey(field);
        assertThat(orderCount(hub, CHANNEL, externalId)).isZero();
    }

    private static Map<String, String> errors(HttpResponse<String> response) {
        Map<String, String> errors = new LinkedHashMap<>();
        JSON.readTree(response.body())
                .path("errors")
                .forEach(e ->
                        errors.put(e.path("field").asString(), e.path("message").asString()));
        return errors;
    }

    /** README's order with one unit of a SKU no test stocks. */
    private static ObjectNode readme(String externalId) {
        return (ObjectNode) JSON.readTree(SampleOrders.withExternalId(externalId)
                .replace("\"quantity\": 4", "\"quantity\": 1")
                .replace("\"DRILL-18V\"", "\"CH-LIMITS-SKU\""));
    }

    private static ObjectNode line(ObjectNode order) {
        return (ObjectNode) order.path("lines").path(0);
    }

    private static KafkaProducer<String, String> kafkaProducer() {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, Kafka.bootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return new KafkaProducer<>(config);
    }
}
