package dev.orderhub.channels;

import static dev.orderhub.channels.ChannelKit.WAIT;
import static dev.orderhub.channels.ChannelKit.awaitMoved;
import static dev.orderhub.channels.ChannelKit.awaitOrder;
import static dev.orderhub.channels.ChannelKit.deadLetterSelector;
import static dev.orderhub.channels.ChannelKit.demoInbox;
import static dev.orderhub.channels.ChannelKit.drop;
import static dev.orderhub.channels.ChannelKit.exception;
import static dev.orderhub.channels.ChannelKit.exceptionsAt;
import static dev.orderhub.channels.ChannelKit.fixture;
import static dev.orderhub.channels.ChannelKit.unique;
import static dev.orderhub.support.HubOrders.orderCount;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orderhub.intake.PartnerFiles;
import dev.orderhub.shared.Sha256;
import dev.orderhub.support.HubClient;
import dev.orderhub.support.HubTest;
import dev.orderhub.support.HubTestContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.unit.DataSize;

/**
 * Partner file deliveries are claimed in the database before they are read: two consumers polling one folder store
 * each file's orders and record its bad order once; a claim left by an instance that stopped is taken over once it
 * has not been touched for the claim timeout; a file over {@code orderhub.files.max-size} goes to .error unread with
 * one process exception.
 */
@HubTest
class PartnerFileClaimsIT {
    private static final String CHANNEL = "demo";
    private static final String SECOND_CONSUMER = "test-second-demo-consumer";

    @LocalServerPort
    int port;

    @Autowired
    Environment environment;

    @Autowired
    CamelContext camel;

    @Autowired
    JdbcClient jdbc;

    HubClient hub;
    ChannelKit.Jms jms;
    Path inbox;

    @BeforeEach
    void connect() {
        hub = new HubClient(port);
        jms = new ChannelKit.Jms(environment);
        inbox = demoInbox(environment);
    }

    @AfterEach
    void disconnect() throws Exception {
        jms.close();
        if (camel.getRoute(SECOND_CONSUMER) != null) {
            camel.getRouteController().stopRoute(SECOND_CONSUMER);
            camel.removeRoute(SECOND_CONSUMER);
        }
    }

    @Test
    void twoConsumersOnOneFolderProcessEachFileOnce() {
        // a second hub's consumer: its own endpoint (another poll delay), so nothing in memory is shared
        TemplatedRouteBuilder.builder(camel, "partner-folder-inbound")
                .routeId(SECOND_CONSUMER)
                .parameter("partner", CHANNEL)
                .parameter("path", inbox.toString())
                .parameter("pollDelayMs", "700")
                .add();
        Instant start = Instant.now().minusSeconds(1);
        record Dropped(String name, String a, String b, String c) {}
        List<Dropped> files = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            Dropped file = new Dropped(unique("twice") + ".csv", unique("CSV-A"), unique("CSV-B"), unique("CSV-C"));
            drop(
                    inbox,
                    file.name(),
                    fixture(
                            "csv-three-orders-one-bad.csv",
                            Map.of("PO_A", file.a(), "PO_B", file.b(), "PO_C", file.c())));
            files.add(file);
        }
        for (Dropped file : files) {
            awaitOrder(hub, CHANNEL, file.a());
            awaitOrder(hub, CHANNEL, file.c());
            await("file " + file.name() + " out of the inbox")
                    .atMost(WAIT)
                    .until(() -> !Files.exists(inbox.resolve(file.name())));
        }
        // give a second reading every chance to show
        await().during(Duration.ofSeconds(3))
                .atMost(Duration.ofSeconds(20))
                .until(() -> files.stream()
                        .allMatch(file -> exceptionsAt(hub, start, file.name()).size() == 1));
        for (Dropped file : files) {
            assertThat(orderCount(hub, CHANNEL, file.a())).as(file.name()).isEqualTo(1);
            assertThat(orderCount(hub, CHANNEL, file.b())).as(file.name()).isZero();
            assertThat(orderCount(hub, CHANNEL, file.c())).as(file.name()).isEqualTo(1);
            assertThat(Files.exists(inbox.resolve(".error").resolve(file.name())))
                    .as(file.name())
                    .isFalse();
            jms.drain(
                    ChannelKit.DLQ,
                    deadLetterSelector(exceptionsAt(hub, start, file.name())
                            .get(0)
                            .path("number")
                            .asString()));
        }
    }

    @Test
    void aClaimNoLongerTouchedIsTakenOverAndTheFileRead() throws IOException {
        String poA = unique("CSV-A");
        String poC = unique("CSV-C");
        String name = unique("stranded") + ".csv";
        String content =
                fixture("csv-three-orders-one-bad.csv", Map.of("PO_A", poA, "PO_B", unique("CSV-B"), "PO_C", poC));
        Instant start = Instant.now().minusSeconds(1);
        // an instance claimed this very delivery and stopped touching it: the claim goes stale in eight seconds, well
        // after the two the test watches it
        Files.createDirectories(inbox);
        Path partial = Files.writeString(inbox.resolve(name + ".part"), content, StandardCharsets.UTF_8);
        String delivery = PartnerFiles.delivery(
                CHANNEL,
                name,
                Sha256.hex(content),
                Files.getLastModifiedTime(partial).toMillis());
        long timeout = environment.getRequiredProperty("orderhub.files.claim-timeout-seconds", Long.class);
        jdbc.sql("""
                INSERT INTO partner_file_claims (claim_key, partner_id, file_name, claimed_by, claimed_at)
                VALUES (:key, 'demo', :name, 'crashed-instance', :at)""")
                .param("key", delivery)
                .param("name", name)
                .param("at", Timestamp.from(Instant.now().minusSeconds(timeout - 8)))
                .update();
        Files.move(partial, inbox.resolve(name), StandardCopyOption.ATOMIC_MOVE);

        // while the claim is live the file waits where it is
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(3))
                .until(() -> Files.exists(inbox.resolve(name)) && orderCount(hub, CHANNEL, poA) == 0);
        // then this instance takes it over and reads it
        awaitOrder(hub, CHANNEL, poA);
        awaitOrder(hub, CHANNEL, poC);
        awaitMoved(inbox, name, ".done");
        Map<String, Object> claim = jdbc.sql(
                        "SELECT claimed_by, outcome FROM partner_file_claims WHERE claim_key = :key")
                .param("key", delivery)
                .query()
                .singleRow();
        assertThat(claim.get("outcome")).isEqualTo("DONE");
        assertThat(claim.get("claimed_by")).isNotEqualTo("crashed-instance");
        await().atMost(WAIT).until(() -> exceptionsAt(hub, start, name).size() == 1);
        jms.drain(
                ChannelKit.DLQ,
                deadLetterSelector(
                        exceptionsAt(hub, start, name).get(0).path("number").asString()));
    }

    @Test
    void aDeliveryTakenOverAfterACrashRecordsItsBadOrderOnce() throws IOException {
        String poA = unique("CSV-A");
        String poB = unique("CSV-B");
        String poC = unique("CSV-C");
        String name = unique("resumed") + ".csv";
        String content = fixture("csv-three-orders-one-bad.csv", Map.of("PO_A", poA, "PO_B", poB, "PO_C", poC));
        Instant start = Instant.now().minusSeconds(1);
        Files.createDirectories(inbox);
        Path partial = Files.writeString(inbox.resolve(name + ".part"), content, StandardCharsets.UTF_8);
        FileTime modified = Files.getLastModifiedTime(partial);
        String delivery = PartnerFiles.delivery(CHANNEL, name, Sha256.hex(content), modified.toMillis());
        Files.move(partial, inbox.resolve(name), StandardCopyOption.ATOMIC_MOVE);
        awaitOrder(hub, CHANNEL, poA);
        awaitOrder(hub, CHANNEL, poC);
        awaitMoved(inbox, name, ".done");
        await().atMost(WAIT).until(() -> exceptionsAt(hub, start, name).size() == 1);

        // the instance crashed before it finished the file: its claim is open and stale, the file is unfinished
        long timeout = environment.getRequiredProperty("orderhub.files.claim-timeout-seconds", Long.class);
        jdbc.sql("""
                UPDATE partner_file_claims SET claimed_by = 'crashed-instance', claimed_at = :at, finished_at = NULL,
                outcome = NULL WHERE claim_key = :key""")
                .param("at", Timestamp.from(Instant.now().minusSeconds(timeout + 1)))
                .param("key", delivery)
                .update();
        jdbc.sql("DELETE FROM idempotency_keys WHERE scope = 'partner-file' AND target_id = :name")
                .param("name", name)
                .update();
        // the same delivery is read again: the file is where it was, as it was
        Path done = inbox.resolve(".done").resolve(name);
        Files.setLastModifiedTime(done, modified);
        Files.move(done, inbox.resolve(name), StandardCopyOption.ATOMIC_MOVE);

        await("the delivery taken over and finished")
                .atMost(WAIT)
                .until(() -> "DONE"
                        .equals(jdbc.sql(
                                        "SELECT outcome FROM partner_file_claims WHERE claim_key = :key AND claimed_by <> 'crashed-instance'")
                                .param("key", delivery)
                                .query(String.class)
                                .optional()
                                .orElse(null)));
        awaitMoved(inbox, name, ".done");
        await().during(Duration.ofSeconds(3))
                .atMost(Duration.ofSeconds(20))
                .until(() -> exceptionsAt(hub, start, name).size() == 1);
        assertThat(orderCount(hub, CHANNEL, poA)).isEqualTo(1);
        assertThat(orderCount(hub, CHANNEL, poB)).isZero();
        assertThat(orderCount(hub, CHANNEL, poC)).isEqualTo(1);
        jms.drain(
                ChannelKit.DLQ,
                deadLetterSelector(
                        exceptionsAt(hub, start, name).get(0).path("number").asString()));
    }

    @Test
    void aFileOverTheSizeLimitGoesToErrorUnreadWithOneProcessException() throws IOException {
        Instant start = Instant.now().minusSeconds(1);
        String name = unique("huge") + ".csv";
        long limit = DataSize.parse(HubTestContext.MAX_FILE_SIZE).toBytes();
        StringBuilder content = new StringBuilder(fixture(
                "csv-three-orders-one-bad.csv",
                Map.of("PO_A", unique("CSV-A"), "PO_B", unique("CSV-B"), "PO_C", unique("CSV-C"))));
        while (content.length() <= limit) {
            content.append("\n".repeat(1024));
        }
        drop(inbox, name, content.toString());

        awaitMoved(inbox, name, ".error");
        List<?> found = await("the file's process exception")
                .atMost(WAIT)
                .until(() -> exceptionsAt(hub, start, name), list -> !list.isEmpty());
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(10))
                .until(() -> exceptionsAt(hub, start, name).size() == 1);
        String number = exceptionsAt(hub, start, name).get(0).path("number").asString();
        var pe = exception(hub, number);
        assertThat(pe.path("message").asString()).contains("orderhub.files.max-size");
        assertThat(pe.path("original").path("body").asString())
                .as("the file is not kept")
                .isEmpty();
        assertThat(found).hasSize(1);
        jms.drain(ChannelKit.DLQ, deadLetterSelector(number));
    }
}
