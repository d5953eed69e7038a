package dev.orderhub.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orderhub.broker.ExternalBroker;
import dev.orderhub.support.Kafka;
import dev.orderhub.support.Postgres;
import dev.orderhub.support.SampleOrders;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Two hubs, each in a JVM of its own, in native broker mode on one PostgreSQL database, one external Artemis broker
 * and one Kafka consumer group, sharing partner {@code demo}'s inbox and outbox folders. Orders arrive on every
 * channel at once — REST on both hubs, JMS, Kafka, CSV files and X12 850 interchanges in the shared inbox — and each
 * must be stored once and reach CLOSED; each interchange's group gets one 997; a subscriber of the order events topic
 * sees every order's status changes at least once and, per order, in order.
 */
class TwoInstancesIT {
    private static final int REST_PER_HUB = 400;
    private static final int JMS_ORDERS = 500;
    private static final int KAFKA_ORDERS = 400;
    private static final int CSV_FILES = 25;
    private static final int CSV_ROWS = 10;
    private static final int X12_FILES = 10;
    private static final int X12_SETS = 5;
    private static final Duration SETTLE = Duration.ofMinutes(10);
    private static final String SHOP = "shop";
    private static final String SHOP_PASSWORD = "shop-password";
    private static final String WATCHER = "watcher";
    private static final String WATCHER_PASSWORD = "watcher-password";
    private static final Pattern ACKNOWLEDGED_GROUP = Pattern.compile("AK1\\*PO\\*(\\d+)");

    @TempDir
    Path temp;

    @Test
    void twoHubsOnOneDatabaseAndBrokerStoreCloseAndAcknowledgeEveryOrderOnce() throws Exception {
        String run =
                "TI" + Long.toString(System.nanoTime() % 1_000_000_000L, 36).toUpperCase();
        Path inbox = Files.createDirectories(temp.resolve("shared").resolve("inbox"));
        Path outbox = Files.createDirectories(temp.resolve("shared").resolve("outbox"));
        String database = Postgres.newDatabase("twoinst");
        Map<String, String> env = Map.of(
                "ORDERHUB_BROKER_MODE",
                "native",
                "ORDERHUB_DB_URL",
                database,
                "ORDERHUB_DB_USER",
                "postgres",
                "ORDERHUB_DB_PASSWORD",
                "",
                "ORDERHUB_KAFKA_BROKERS",
                Kafka.bootstrapServers());
        List<String> args = List.of(
                "--orderhub.kafka.group-id=twoinst-" + System.nanoTime(),
                "--orderhub.connectors.dir=" + connectors(inbox, outbox));

        try (ExternalBroker broker = new ExternalBroker(
                        temp.resolve("broker"),
                        HubProcess.freePort(),
                        HubProcess.BROKER_USER,
                        HubProcess.BROKER_PASSWORD,
                        SHOP,
                        SHOP_PASSWORD,
                        WATCHER,
                        WATCHER_PASSWORD);
                OrderEventLog events = new OrderEventLog(broker.url(), WATCHER, WATCHER_PASSWORD);
                HubProcess first = hub("hub-a", broker, env, args);
                HubProcess second = hub("hub-b", broker, env, args)) {
            long started = System.nanoTime();
            CompletableFuture.allOf(CompletableFuture.runAsync(first::start), CompletableFuture.runAsync(second::start))
                    .join();
            long up = System.nanoTime();
            for (HubProcess hub : List.of(first, second)) {
                // native mode: no embedded broker, so neither a journal nor a generated broker password
                assertThat(hub.dataDir.resolve("artemis"))
                        .as("embedded broker journal")
                        .doesNotExist();
                assertThat(hub.dataDir.resolve("broker-password"))
                        .as("generated broker password")
                        .doesNotExist();
            }

            Set<String> sent = ConcurrentHashMap.newKeySet();
            List<String> groups = new ArrayList<>();
            List<CompletableFuture<Void>> feeders = List.of(
                    CompletableFuture.runAsync(() -> rest(first, run + "-RA", sent)),
                    CompletableFuture.runAsync(() -> rest(second, run + "-RB", sent)),
                    CompletableFuture.runAsync(() -> jms(broker, run + "-J", sent)),
                    CompletableFuture.runAsync(() -> kafka(run + "-K", sent)),
                    CompletableFuture.runAsync(() -> files(inbox, run, sent, groups)));
            CompletableFuture.allOf(feeders.toArray(CompletableFuture[]::new)).join();
            long fed = System.nanoTime();
            assertThat(sent)
                    .hasSize(
                            2 * REST_PER_HUB + JMS_ORDERS + KAFKA_ORDERS + CSV_FILES * CSV_ROWS + X12_FILES * X12_SETS);

            await("every order stored once and CLOSED")
                    .atMost(SETTLE)
                    .pollInterval(Duration.ofSeconds(2))
                    .untilAsserted(() -> assertThat(stored(database, run).statuses())
                            .isEqualTo(Map.of("CLOSED", (long) sent.size())));
            long closed = System.nanoTime();
            Stored stored = stored(database, run);
            assertThat(stored.keys()).as("orders stored").isEqualTo(sent.size());
            assertThat(stored.orderIds().keySet())
                    .as("external order ids stored")
                    .containsExactlyInAnyOrderElementsOf(sent);

            // every order's status changes, deduplicated by event id, chain from RECEIVED to CLOSED in order
            await("every order's events up to CLOSED")
                    .atMost(Duration.ofMinutes(2))
                    .until(() -> stored.orderIds().values().stream()
                            .map(events.statusChanges()::get)
                            .allMatch(changes -> changes != null
                                    && "CLOSED"
                                            .equals(changes.get(changes.size() - 1)
                                                    .path("to")
                                                    .asString())));
            Map<String, List<JsonNode>> statusChanges = events.statusChanges();
            Set<String> created = events.created();
            for (Map.Entry<String, String> order : stored.orderIds().entrySet()) {
                List<JsonNode> changes = statusChanges.get(order.getValue());
                String status = "RECEIVED";
                for (JsonNode change : changes) {
                    assertThat(change.path("from").asString())
                            .as("status events of %s in order: %s", order.getKey(), changes)
                            .isEqualTo(status);
                    status = change.path("to").asString();
                }
                assertThat(status).as("last status event of %s", order.getKey()).isEqualTo("CLOSED");
                assertThat(created)
                        .as("order.created event of %s", order.getKey())
                        .contains(order.getValue());
            }

            // one 997 per functional group received, in the shared outbox
            await("a 997 for every group")
                    .atMost(Duration.ofMinutes(1))
                    .until(() -> acknowledgedGroups(outbox).keySet().containsAll(groups));
            Map<String, Long> acks = acknowledgedGroups(outbox);
            for (String group : groups) {
                assertThat(acks.get(group)).as("997s for group %s", group).isEqualTo(1L);
            }
            // every partner file moved to .done once, none to .error, nothing left behind
            assertThat(names(inbox.resolve(".done"))).as("files done").hasSize(CSV_FILES + X12_FILES);
            assertThat(names(inbox.resolve(".error"))).as("files failed").isEmpty();
            assertThat(names(inbox)).as("files left in the inbox").isEmpty();

            System.out.printf(
                    "two instances: sent %d orders (REST %d, JMS %d, Kafka %d, CSV %d in %d files,"
                            + " X12 %d in %d interchanges), stored %d, closed %d, doubled %d, lost %d; 997s %d for %d groups;"
                            + " events %d received, %d distinct (%d duplicates); hubs up in %d s, fed in %d s,"
                            + " all CLOSED %d s after the first order%n",
                    sent.size(),
                    2 * REST_PER_HUB,
                    JMS_ORDERS,
                    KAFKA_ORDERS,
                    CSV_FILES * CSV_ROWS,
                    CSV_FILES,
                    X12_FILES * X12_SETS,
                    X12_FILES,
                    stored.keys(),
                    stored.statuses().getOrDefault("CLOSED", 0L),
                    stored.rows() - stored.keys(),
                    sent.size() - stored.keys(),
                    acks.values().stream().mapToLong(Long::longValue).sum(),
                    groups.size(),
                    events.received(),
                    events.distinct(),
                    events.received() - events.distinct(),
                    seconds(started, up),
                    seconds(up, fed),
                    seconds(up, closed));
        }
    }

    private HubProcess hub(String name, ExternalBroker broker, Map<String, String> env, List<String> args)
            throws IOException {
        Map<String, String> hubEnv = new HashMap<>(env);
        hubEnv.put("ORDERHUB_BROKER_URL", broker.url());
        return new HubProcess(Files.createDirectories(temp.resolve(name)), hubEnv, args);
    }

    /** The project's connector files, with partner demo's inbound and outbound folders shared by both hubs. */
    private Path connectors(Path inbox, Path outbox) throws IOException {
        Path copy = temp.resolve("connectors");
        Path source = Path.of("connectors");
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : files.toList()) {
                Files.copy(file, copy.resolve(source.relativize(file).toString()));
            }
        }
        Path demo = copy.resolve("partners").resolve("demo.yaml");
        String text = Files.readString(demo);
        String shared = text.replace("\"{{orderhub.data-dir}}/inbox/demo\"", "\"" + inbox + "\"")
                .replace("\"{{orderhub.data-dir}}/outbox/demo\"", "\"" + outbox + "\"")
                .replace("pollDelayMs: 1000", "pollDelayMs: 200");
        assertThat(shared).as("demo partner with shared folders").contains(inbox.toString(), outbox.toString());
        Files.writeString(demo, shared);
        return copy;
    }

    private static void rest(HubProcess hub, String prefix, Set<String> sent) {
        for (int i = 0; i < REST_PER_HUB; i++) {
            String key = prefix + i;
            HttpResponse<String> answer =
                    hub.client().post("/api/orders", HubProcess.API_KEY, SampleOrders.withExternalId(key));
            assertThat(answer.statusCode())
                    .as("POST of %s: %s", key, answer.body())
                    .isEqualTo(202);
            sent.add(key);
        }
    }

    private static void jms(ExternalBroker broker, String prefix, Set<String> sent) {
        try (Connection connection =
                new ActiveMQConnectionFactory(broker.url(), SHOP, SHOP_PASSWORD).createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer producer = session.createProducer(session.createQueue("orderhub.orders.in"));
            for (int i = 0; i < JMS_ORDERS; i++) {
                String key = prefix + i;
                producer.send(session.createTextMessage(SampleOrders.withExternalId(key)));
                sent.add(key);
            }
        } catch (JMSException e) {
            throw new IllegalStateException("JMS send refused", e);
        }
    }

    private static void kafka(String prefix, Set<String> sent) {
        Properties settings = new Properties();
        settings.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, Kafka.bootstrapServers());
        settings.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        settings.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(settings)) {
            Map<String, Future<RecordMetadata>> pending = new LinkedHashMap<>();
            for (int i = 0; i < KAFKA_ORDERS; i++) {
                String key = prefix + i;
                pending.put(
                        key,
                        producer.send(
                                new ProducerRecord<>("orderhub.orders.in", key, SampleOrders.withExternalId(key))));
            }
            for (Map.Entry<String, Future<RecordMetadata>> record : pending.entrySet()) {
                record.getValue().get();
                sent.add(record.getKey());
            }
        } catch (Exception e) {
            throw new IllegalStateException("Kafka send refused", e);
        }
    }

    /** CSV files of {@link #CSV_ROWS} orders and X12 interchanges of one group of {@link #X12_SETS} 850s. */
    private static void files(Path inbox, String run, Set<String> sent, List<String> groups) {
        int control = 100_000_000 + (int) (System.nanoTime() % 800_000_000L);
        for (int f = 0; f < CSV_FILES + X12_FILES; f++) {
            StringBuilder text = new StringBuilder();
            List<String> keys = new ArrayList<>();
            String name;
            if (f < CSV_FILES) {
                name = run + "-F" + f + ".csv";
                text.append("PO_Number,SKU,Quantity,Unit_Price,Ship_To_Name,Ship_To_Line1,Ship_To_City,"
                        + "Ship_To_Region,Ship_To_Postal_Code,Ship_To_Country\n");
                for (int row = 0; row < CSV_ROWS; row++) {
                    String key = run + "-F" + f + "R" + row;
                    keys.add(key);
                    text.append(key).append(",GLOVES-L,2,9.50,Demo Store,1 Main St,Austin,TX,78701,US\n");
                }
            } else {
                String interchange = String.valueOf(control + f);
                name = run + "-X" + f + ".edi";
                groups.add(interchange);
                List<String> segments = new ArrayList<>();
                segments.add("ISA*00*          *00*          *ZZ*DEMOPARTNER    *ZZ*ORDERHUB       *261102*0930*U"
                        + "*00401*" + interchange + "*0*T*>");
                segments.add("GS*PO*DEMOPARTNER*ORDERHUB*20261102*0930*" + interchange + "*X*004010");
                for (int set = 1; set <= X12_SETS; set++) {
                    String key = run + "-X" + f + "S" + set;
                    keys.add(key);
                    String st = String.format("%04d", set);
                    segments.addAll(List.of(
                            "ST*850*" + st,
                            "BEG*00*SA*" + key + "**20261102",
                            "N1*ST*Small Shop",
                            "N3*1 Main St",
                            "N4*Austin*TX*78701*US",
                            "PO1*1*1*EA*9.50**VP*GLOVES-L",
                            "CTT*1",
                            "SE*8*" + st));
                }
                segments.add("GE*" + X12_SETS + "*" + interchange);
                segments.add("IEA*1*" + interchange);
                text.append(String.join("~\n", segments)).append("~\n");
            }
            try {
                // written aside and moved in, so that no hub reads half a file
                Path written = inbox.resolve("." + name + ".tmp");
                Files.writeString(written, text);
                Files.move(written, inbox.resolve(name));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            sent.addAll(keys);
        }
    }

    /** The orders of this run in the database: by external order id, and how many rows have each status. */
    private record Stored(Map<String, String> orderIds, int rows, Map<String, Long> statuses) {
        int keys() {
            return orderIds.size();
        }
    }

    private static Stored stored(String database, String run) throws SQLException {
        Map<String, String> ids = new HashMap<>();
        Map<String, Long> statuses = new TreeMap<>();
        int rows = 0;
        try (var connection = DriverManager.getConnection(database);
                PreparedStatement query = connection.prepareStatement(
                        "SELECT external_order_id, id, status FROM orders WHERE external_order_id LIKE ?")) {
            query.setString(1, run + "-%");
            try (ResultSet result = query.executeQuery()) {
                while (result.next()) {
                    rows++;
                    ids.put(result.getString(1), result.getString(2));
                    statuses.merge(result.getString(3), 1L, Long::sum);
                }
            }
        }
        return new Stored(ids, rows, statuses);
    }

    /** How many 997 files acknowledge each group control number (AK102). */
    private static Map<String, Long> acknowledgedGroups(Path outbox) throws IOException {
        Map<String, Long> acks = new HashMap<>();
        for (String name : names(outbox)) {
            if (name.startsWith("997-")) {
                Matcher group = ACKNOWLEDGED_GROUP.matcher(Files.readString(outbox.resolve(name)));
                while (group.find()) {
                    acks.merge(group.group(1), 1L, Long::sum);
                }
            }
        }
        return acks;
    }

    /** The regular files of a folder that are not hidden (work files start with a dot). */
    private static List<String> names(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(Files::isRegularFile)
                    .map(f -> f.getFileName().toString())
                    .filter(n -> !n.startsWith("."))
                    .toList();
        }
    }

    private static long seconds(long from, long to) {
        return Duration.ofNanos(to - from).toSeconds();
    }
}
