package dev.orderhub.channels;

import static dev.orderhub.channels.ChannelKit.DEAD_LETTER_HEADERS;
import static dev.orderhub.channels.ChannelKit.WAIT;
import static dev.orderhub.channels.ChannelKit.awaitOrder;
import static dev.orderhub.channels.ChannelKit.createdDetail;
import static dev.orderhub.channels.ChannelKit.exception;
import static dev.orderhub.channels.ChannelKit.unique;
import static dev.orderhub.support.HubOrders.order;
import static dev.orderhub.support.HubOrders.orderCount;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orderhub.support.HubClient;
import dev.orderhub.support.HubTest;
import dev.orderhub.support.Kafka;
import dev.orderhub.support.SampleOrders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Canonical orders on the Kafka topic orderhub.orders.in, sent by a plain kafka-clients
 * producer to the in-process KRaft broker: one record is one order with its topic, partition and offset as
 * provenance; a record sent twice is one order; a poison record is dead-lettered on orderhub.dlq with the cause in
 * headers and does not block the records behind it on its partition.
 */
@HubTest
class KafkaChannelIT {
    private static final String TOPIC = "orderhub.orders.in";
    private static final String DLQ_TOPIC = "orderhub.dlq";
    private static final String ROUTE = "channel-kafka-canonical";
    private static final String CHANNEL = "b2b-portal";

    @LocalServerPort
    int port;

    @Autowired
    CamelContext camel;

    HubClient hub;
    KafkaProducer<String, String> producer;

    @BeforeEach
    void connect() {
        hub = new HubClient(port);
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, Kafka.bootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        producer = new KafkaProducer<>(config);
    }

    @AfterEach
    void disconnect() {
        producer.close(Duration.ofSeconds(5));
    }

    @Test
    void aRecordBecomesAnOrderWithTopicPartitionAndOffsetAsProvenance() throws Exception {
        String externalId = unique("KAFKA-ONE");
        RecordMetadata sent = send(partition(), externalId, kafkaOrder(externalId));

        String id = awaitOrder(hub, CHANNEL, externalId);
        JsonNode order = order(hub, id);
        String position = "topic " + TOPIC + " partition " + sent.partition() + " offset " + sent.offset();
        assertThat(order.path("channel").asString()).isEqualTo(CHANNEL);
        assertThat(order.path("externalOrderId").asString()).isEqualTo(externalId);
        assertThat(order.path("source").path("kind").asString()).isEqualTo("kafka");
        assertThat(order.path("source").path("position").asString()).isEqualTo(position);
        assertThat(createdDetail(hub, id)).isEqualTo("from kafka " + position);
    }

    @Test
    void theSameRecordTwiceIsOneOrder() throws Exception {
        String externalId = unique("KAFKA-TWICE");
        String body = kafkaOrder(externalId);
        int partition = partition();
        NotifyBuilder bothDone = keyDone(externalId, 2);

        RecordMetadata first = send(partition, externalId, body);
        RecordMetadata second = send(partition, externalId, body);

        assertThat(bothDone.matches(WAIT.toSeconds(), TimeUnit.SECONDS))
                .as("both records consumed by " + ROUTE)
                .isTrue();
        assertThat(second.offset()).isGreaterThan(first.offset());
        assertThat(orderCount(hub, CHANNEL, externalId))
                .as("orders for the record sent twice")
                .isEqualTo(1);
        JsonNode order = order(hub, awaitOrder(hub, CHANNEL, externalId));
        assertThat(order.path("source").path("position").asString())
                .as("the order keeps the provenance of the first record")
                .isEqualTo("topic " + TOPIC + " partition " + first.partition() + " offset " + first.offset());
    }

    @Test
    void aPoisonRecordIsDeadLetteredAndTheRecordsBehindItOnItsPartitionStillBecomeOrders() throws Exception {
        Instant start = Instant.now().minusSeconds(1);
        int partition = partition();
        String poisonKey = unique("KAFKA-POISON");
        String poison = "{\"externalOrderId\": \"" + poisonKey + "\", \"channel\": \"" + CHANNEL + "\", \"lines\": [";
        List<String> goodIds = List.of(unique("KAFKA-AFTER"), unique("KAFKA-AFTER"), unique("KAFKA-AFTER"));

        RecordMetadata poisoned = send(partition, poisonKey, poison);
        List<RecordMetadata> behind = new ArrayList<>();
        for (String id : goodIds) {
            behind.add(send(partition, id, kafkaOrder(id)));
        }

        // the partition is not blocked: every good record behind the poison on its partition becomes its order
        List<String> orderIds = new ArrayList<>();
        for (int i = 0; i < goodIds.size(); i++) {
            assertThat(behind.get(i).partition()).isEqualTo(partition);
            assertThat(behind.get(i).offset()).isGreaterThan(poisoned.offset());
            orderIds.add(awaitOrder(hub, CHANNEL, goodIds.get(i)));
            assertThat(orderCount(hub, CHANNEL, goodIds.get(i))).isEqualTo(1);
        }
        assertThat(orderCount(hub, CHANNEL, poisonKey)).isZero();

        // the poison on orderhub.dlq, byte for byte, with the cause in string headers
        ConsumerRecord<String, String> dead = deadLetter(poison);
        Map<String, String> headers = new HashMap<>();
        for (Header header : dead.headers()) {
            headers.put(
                    header.key(), header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8));
        }
        assertThat(headers).as("dead-letter headers").containsKeys(DEAD_LETTER_HEADERS.toArray(String[]::new));
        DEAD_LETTER_HEADERS.forEach(
                h -> assertThat(headers.get(h)).as("header %s", h).isNotBlank());
        assertThat(headers.get("orderhubErrorClass")).isEqualTo("dev.orderhub.order.OrderValidationException");
        assertThat(headers.get("orderhubRouteId")).isEqualTo(ROUTE);
        assertThat(headers.get("orderhubAttempts")).isEqualTo("1");
        assertThat(Instant.parse(headers.get("orderhubFirstFailure"))).isAfterOrEqualTo(start);
        assertThat(dead.key()).as("dead letter keeps the record's key").isEqualTo(poisonKey);

        // one VALIDATION process exception for it, keeping the original for replay
        String number = headers.get("orderhubPeNumber");
        JsonNode pe = exception(hub, number);
        assertThat(pe.path("category").asString()).isEqualTo("VALIDATION");
        assertThat(pe.path("status").asString()).isEqualTo("NEW");
        assertThat(pe.path("attachedTo").isObject()).as("attached to no order").isFalse();
        assertThat(pe.path("source").path("kind").asString()).isEqualTo("kafka");
        assertThat(pe.path("source").path("routeId").asString()).isEqualTo(ROUTE);
        assertThat(pe.path("message").asString()).contains("malformed JSON");
        assertThat(headers.get("orderhubErrorMessage"))
                .isEqualTo(pe.path("message").asString());
        assertThat(pe.path("original").path("body").asString()).isEqualTo(poison);
        assertThat(kafkaExceptionsWithOriginal(start, poison))
                .as("process exceptions for the poison")
                .hasSize(1);

        // and only one dead letter for it
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(10))
                .until(() -> deadLetters(poison).size() == 1);

        // the exception and the orders behind it name their exact record
        assertThat(pe.path("source").path("position").asString())
                .isEqualTo("topic " + TOPIC + " partition " + partition + " offset " + poisoned.offset());
        for (int i = 0; i < goodIds.size(); i++) {
            assertThat(order(hub, orderIds.get(i))
                            .path("source")
                            .path("position")
                            .asString())
                    .isEqualTo("topic " + TOPIC + " partition " + partition + " offset "
                            + behind.get(i).offset());
        }
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    /** README's order with one unit of a SKU no test stocks, so that shared stock stays as other tests expect. */
    private static String kafkaOrder(String externalId) {
        String body = SampleOrders.withExternalId(externalId)
                .replace("\"quantity\": 4", "\"quantity\": 1")
                .replace("\"DRILL-18V\"", "\"CH-KAFKA-SKU\"");
        assertThat(body).contains("\"quantity\": 1").contains("CH-KAFKA-SKU").contains(externalId);
        return body;
    }

    private static int partition() {
        return ThreadLocalRandom.current().nextInt(3);
    }

    private RecordMetadata send(int partition, String key, String value) throws Exception {
        return producer.send(new ProducerRecord<>(TOPIC, partition, key, value)).get(30, TimeUnit.SECONDS);
    }

    private NotifyBuilder keyDone(String key, int count) {
        return new NotifyBuilder(camel)
                .fromRoute(ROUTE)
                .filter(e -> key.equals(e.getMessage().getHeader(KafkaConstants.KEY, String.class)))
                .whenDone(count)
                .create();
    }

    private ConsumerRecord<String, String> deadLetter(String value) {
        return await("dead letter on " + DLQ_TOPIC)
                .atMost(WAIT)
                .until(() -> deadLetters(value), list -> !list.isEmpty())
                .get(0);
    }

    /** The full process exceptions from the Kafka channel since an instant whose original body is this one. */
    private List<JsonNode> kafkaExceptionsWithOriginal(Instant since, String body) {
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode item : ChannelKit.exceptionsSince(hub, since)) {
            if ("kafka".equals(item.path("source").path("kind").asString())) {
                JsonNode full = exception(hub, item.path("number").asString());
                if (body.equals(full.path("original").path("body").asString())) {
                    found.add(full);
                }
            }
        }
        return found;
    }

    /** Every record on orderhub.dlq with this value, read from the beginning by a consumer of its own. */
    private static List<ConsumerRecord<String, String>> deadLetters(String value) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, Kafka.bootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "channels-it-" + UUID.randomUUID());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> partitions = consumer.partitionsFor(DLQ_TOPIC).stream()
                    .map(p -> new TopicPartition(DLQ_TOPIC, p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))
                    && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (value.equals(record.value())) {
                        found.add(record);
                    }
                }
            }
        }
        return found;
    }
}
