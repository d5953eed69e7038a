package dev.orderhub.channels;

import static dev.orderhub.channels.ChannelKit.INGEST;
import static dev.orderhub.channels.ChannelKit.OPERATOR;
import static dev.orderhub.channels.ChannelKit.WAIT;
import static dev.orderhub.channels.ChannelKit.awaitMoved;
import static dev.orderhub.channels.ChannelKit.awaitOrder;
import static dev.orderhub.channels.ChannelKit.demoInbox;
import static dev.orderhub.channels.ChannelKit.drop;
import static dev.orderhub.channels.ChannelKit.fixture;
import static dev.orderhub.channels.ChannelKit.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.orderhub.mapping.ShopifySignature;
import dev.orderhub.support.HubClient;
import dev.orderhub.support.HubTest;
import dev.orderhub.support.HubTestContext;
import dev.orderhub.support.Kafka;
import dev.orderhub.support.SampleOrders;
import dev.orderhub.support.ShopifyWebhooks;
import jakarta.jms.Connection;
import jakarta.jms.Session;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Orders carrying one person's distinctive name, e-mail, phone and street arrive over every channel (REST, JMS,
 * Kafka, a CSV file, an X12 850 with N1/N3/N4/PER, a Shopify webhook), some of them invalid so that they become
 * process exceptions. None of those values may appear in a log line, a process exception or a
 * {@code orderhub.process-exception.created} event.
 */
@HubTest
class PersonalDataIT {
    private static final String FIRST_NAME = "Zanzibar";
    private static final String LAST_NAME = "Quillfeather";
    private static final String EMAIL = "zanzibar.q7@quillmail.example";
    private static final String PHONE = "+1-555-0147-9931";
    private static final String STREET = "4417 Larkspur Hollow";
    private static final List<String> PERSONAL =
            List.of(FIRST_NAME, LAST_NAME, EMAIL, PHONE, STREET, "zanzibar.q7", "555-0147");

    @LocalServerPort
    int port;

    @Autowired
    Environment environment;

    @Autowired
    JdbcClient jdbc;

    HubClient hub;
    ListAppender<ILoggingEvent> logs;
    Level rootLevel;

    @BeforeEach
    void captureLogs() {
        hub = new HubClient(port);
        Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
        rootLevel = root.getLevel();
        root.setLevel(Level.INFO);
        logs = new ListAppender<>();
        logs.start();
        root.addAppender(logs);
    }

    @AfterEach
    void stopCapturing() {
        Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
        root.detachAppender(logs);
        root.setLevel(rootLevel);
    }

    @Test
    void noChannelLogsOrRecordsAPersonsData() throws Exception {
        Instant start = Instant.now();
        String rest = unique("PD-REST");
        String jms = unique("PD-JMS");
        String kafka = unique("PD-KAFKA");
        String csvGood = unique("PD-CSV");
        String csvBad = unique("PD-CSV-BAD");
        String jmsBad = unique("PD-JMS-BAD");
        String kafkaBad = unique("PD-KAFKA-BAD");
        String x12Good = unique("PD-X12");
        String x12Bad = unique("PD-X12-BAD");
        String shopifyId = String.valueOf(7_000_000_000_000L + (System.nanoTime() % 1_000_000_000L));

        // REST: one valid order, one refused with field errors, one malformed around an unquoted name
        assertThat(hub.post("/api/orders", INGEST, canonical(rest)).statusCode())
                .isEqualTo(202);
        assertThat(hub.post(
                                "/api/orders",
                                INGEST,
                                canonical(unique("PD-REST-BAD")).replace("\"quantity\": 4", "\"quantity\": 0"))
                        .statusCode())
                .isEqualTo(400);
        assertThat(hub.post("/api/orders", INGEST, "{\"buyer\": {\"name\": " + FIRST_NAME + " " + LAST_NAME + "}}")
                        .statusCode())
                .isEqualTo(400);

        // JMS: a valid order and a malformed one that becomes a process exception
        sendJms(canonical(jms), "{\"externalOrderId\": \"" + jmsBad + "\", \"buyer\": {\"email\": " + EMAIL + "}}");

        // Kafka: a valid order and an invalid one (quantity 0) that becomes a process exception
        sendKafka(canonical(kafka), canonical(kafkaBad).replace("\"quantity\": 4", "\"quantity\": 0"));

        // a CSV file with a good order and one whose quantity is not a number
        Path inbox = demoInbox(environment);
        String csvName = unique("pd") + ".csv";
        drop(
                inbox,
                csvName,
                String.join(
                                "\n",
                                "po_number,sku,description,quantity,unit_price,ship_to_name,ship_to_line1,ship_to_line2,ship_to_city,"
                                        + "ship_to_region,ship_to_postal_code,ship_to_country,requested_date",
                                csvGood + ",CH-CSV-PD,Thing,1,12.00," + FIRST_NAME + " " + LAST_NAME + "," + STREET
                                        + ",,Austin,TX,78744,US,2026-11-10",
                                csvBad + ",CH-CSV-PD,Thing,abc,12.00," + FIRST_NAME + " " + LAST_NAME + "," + STREET
                                        + ",,Austin,TX,78744,US,2026-11-10")
                        + "\n");

        // an X12 850 with the person in PER, N1, N3 and N4, and one whose N3 is too long for its element
        String ediName = unique("pd") + ".edi";
        drop(inbox, ediName, x12(x12Good, x12Bad));

        // a signed Shopify webhook for the same person
        byte[] webhook = shopify(shopifyId);
        HttpResponse<String> shopify = hub.post(
                "/api/channels/shopify/orders",
                HttpRequest.newBuilder()
                        .timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/json")
                        .header(ShopifySignature.HEADER, ShopifyWebhooks.sign(webhook, HubTestContext.SHOPIFY_SECRET))
                        .header("X-Shopify-Webhook-Id", unique("wh"))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(webhook)));
        assertThat(shopify.statusCode()).as(shopify.body()).isEqualTo(202);

        awaitOrder(hub, "b2b-portal", rest);
        awaitOrder(hub, "b2b-portal", jms);
        awaitOrder(hub, "b2b-portal", kafka);
        awaitOrder(hub, "demo", csvGood);
        awaitOrder(hub, "demo", x12Good);
        awaitMoved(inbox, csvName, ".done");
        awaitMoved(inbox, ediName, ".done");
        for (String failed : List.of(jmsBad, kafkaBad, csvBad, x12Bad)) {
            await("process exception of " + failed).atMost(WAIT).until(() -> processExceptions(failed) > 0);
        }
        List<String> events = createdEvents(start);

        JsonNode exceptions =
                ChannelKit.JSON.readTree(hub.get("/api/process-exceptions?size=200&from=" + start, OPERATOR)
                        .body());
        assertThat(exceptions.path("total").asLong()).isGreaterThanOrEqualTo(4);
        List<String> lines = logs.list.stream().map(PersonalDataIT::line).toList();
        assertThat(lines).as("log lines captured").isNotEmpty();
        for (String value : PERSONAL) {
            assertThat(lines).as("log lines").noneMatch(line -> line.contains(value));
            assertThat(events).as("process-exception.created events").noneMatch(event -> event.contains(value));
            assertThat(exceptions.toString()).as("process exceptions").doesNotContain(value);
        }
    }

    /** Process exceptions whose original or reference names this external id. */
    private long processExceptions(String externalId) {
        return jdbc.sql("SELECT COUNT(*) FROM process_exceptions WHERE original_body LIKE ? OR external_reference = ?")
                .params("%" + externalId + "%", externalId)
                .query(Long.class)
                .single();
    }

    private List<String> createdEvents(Instant since) {
        return jdbc.sql("SELECT payload FROM outbox WHERE type = ? AND created_at >= ?")
                .params("orderhub.process-exception.created", Timestamp.from(since))
                .query(String.class)
                .list();
    }

    private static String line(ILoggingEvent event) {
        StringBuilder text = new StringBuilder(event.getFormattedMessage());
        for (var thrown = event.getThrowableProxy(); thrown != null; thrown = thrown.getCause()) {
            text.append(" | ").append(thrown.getClassName()).append(": ").append(thrown.getMessage());
        }
        return text.toString();
    }

    /** README's order for the person, with CARD payment. */
    private static String canonical(String externalOrderId) {
        String order = SampleOrders.withExternalId(externalOrderId)
                .replace("\"Riley Chen\"", "\"" + FIRST_NAME + " " + LAST_NAME + "\"")
                .replace("\"riley@acme.example\"", "\"" + EMAIL + "\"")
                .replace("\"+1-555-0100\"", "\"" + PHONE + "\"")
                .replace("\"9 Dock Rd\"", "\"" + STREET + "\"");
        assertThat(order).contains(EMAIL, PHONE, STREET, LAST_NAME);
        return order;
    }

    private void sendJms(String... bodies) throws Exception {
        try (ActiveMQConnectionFactory factory = HubTestContext.BROKER_PRODUCER.connectionFactory(environment);
                Connection connection = factory.createConnection();
                Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
            var producer = session.createProducer(session.createQueue("orderhub.orders.in"));
            for (String body : bodies) {
                producer.send(session.createTextMessage(body));
            }
        }
    }

    private static void sendKafka(String... bodies) throws Exception {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, Kafka.bootstrapServers());
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            for (String body : bodies) {
                producer.send(new ProducerRecord<>("orderhub.orders.in", unique("pd"), body))
                        .get(30, TimeUnit.SECONDS);
            }
        }
    }

    private static String x12(String goodPo, String badPo) {
        String isa = String.format("%09d", System.nanoTime() % 1_000_000_000L);
        String group = String.valueOf(1 + System.nanoTime() % 900_000_000L);
        List<String> segments = List.of(
                "ISA*00*          *00*          *ZZ*DEMOPARTNER    *ZZ*ORDERHUB       *261102*0930*U*00401*" + isa
                        + "*0*T*>",
                "GS*PO*DEMOPARTNER*ORDERHUB*20261102*0930*" + group + "*X*004010",
                "ST*850*0001",
                "BEG*00*SA*" + goodPo + "**20261102",
                "PER*BD*" + FIRST_NAME + " " + LAST_NAME + "*TE*" + PHONE + "*EM*" + EMAIL,
                "N1*ST*" + FIRST_NAME + " " + LAST_NAME,
                "N3*" + STREET,
                "N4*Oakland*CA*94607",
                "PO1*1*1*EA*10.00**VP*GLOVES-L",
                "CTT*1",
                "SE*9*0001",
                "ST*850*0002",
                "BEG*00*SA*" + badPo + "**20261102",
                "N1*ST*" + FIRST_NAME + " " + LAST_NAME,
                "N3*" + (STREET + " ").repeat(4),
                "N4*Oakland*CA*94607",
                "PO1*1*1*EA*10.00**VP*GLOVES-L",
                "CTT*1",
                "SE*8*0002",
                "GE*2*" + group,
                "IEA*1*" + isa);
        return String.join("~\n", segments) + "~\n";
    }

    private static byte[] shopify(String shopifyId) {
        String body = fixture("shopify-orders-create.json", Map.of("SHOPIFY_ID", shopifyId))
                .replace("camille.tremblay@example.ca", EMAIL)
                .replace("+1 514-555-0188", PHONE)
                .replace("Camille", FIRST_NAME)
                .replace("Tremblay", LAST_NAME)
                .replace("4820 rue Saint-Denis", STREET);
        assertThat(body).contains(EMAIL, PHONE, STREET);
        return body.getBytes(StandardCharsets.UTF_8);
    }
}
