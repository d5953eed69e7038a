package dev.orderhub.channels;

import static dev.orderhub.channels.ChannelKit.OPERATOR;
import static dev.orderhub.channels.ChannelKit.WAIT;
import static dev.orderhub.channels.ChannelKit.awaitMoved;
import static dev.orderhub.channels.ChannelKit.awaitOrder;
import static dev.orderhub.channels.ChannelKit.demoInbox;
import static dev.orderhub.channels.ChannelKit.drop;
import static dev.orderhub.channels.ChannelKit.exception;
import static dev.orderhub.channels.ChannelKit.exceptionsAt;
import static dev.orderhub.channels.ChannelKit.fixture;
import static dev.orderhub.channels.ChannelKit.historyActions;
import static dev.orderhub.channels.ChannelKit.unique;
import static dev.orderhub.support.HubOrders.json;
import static dev.orderhub.support.HubOrders.order;
import static dev.orderhub.support.HubOrders.orderCount;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orderhub.support.HubClient;
import dev.orderhub.support.HubTest;
import dev.orderhub.support.Sftp;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.component.file.remote.SftpEndpoint;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Retry of a whole partner file that could not be read (README, Process exceptions, dead letters and replay): the
 * database refuses the file's first order (a trigger on the real PostgreSQL, dropped once the test "fixes the
 * cause"), so the file moves to .error with one process exception. Its retry reads the stored original again through
 * the partner's own replay entry, with the partner's configuration: its orders are stored and its exception is
 * RESOLVED; an SFTP partner's retry opens no connection other than the partner's own, host key checked.
 */
@HubTest
class FileReplayIT {
    @LocalServerPort
    int port;

    @Autowired
    Environment environment;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    CamelContext camel;

    @Test
    void aFailedFolderFileRetriedAfterItsCauseIsFixedBecomesOrdersAndItsExceptionIsResolved() {
        HubClient hub = new HubClient(port);
        Path inbox = demoInbox(environment);
        String poA = unique("FILE-REPLAY-A");
        String poB = unique("FILE-REPLAY-B");
        String name = unique("file-replay") + ".csv";
        Instant start = Instant.now().minusSeconds(1);

        String number;
        try (Refusal refusal = new Refusal(jdbc, poA)) {
            drop(inbox, name, fixture("csv-two-orders.csv", Map.of("PO_A", poA, "PO_B", poB)));
            awaitMoved(inbox, name, ".error");
            JsonNode pe = awaitFileException(hub, start, name);
            number = pe.path("number").asString();
            assertThat(pe.path("source").path("kind").asString()).isEqualTo("file");
            assertThat(pe.path("source").path("endpoint").asString()).isEqualTo("direct://channel-files-demo-replay");

            // retried before the cause is fixed: 202, an attempt, the same exception stays open
            json(hub.post("/api/process-exceptions/" + number + "/retry", OPERATOR, "{}"), 202);
            JsonNode failedAgain = await("replay failed again")
                    .atMost(WAIT)
                    .until(() -> exception(hub, number), e -> historyActions(e).contains("REPLAY_FAILED"));
            assertThat(failedAgain.path("status").asString()).isEqualTo("NEW");
            assertThat(orderCount(hub, "demo", poA)).isZero();
        }

        json(hub.post("/api/process-exceptions/" + number + "/retry", OPERATOR, "{}"), 202);

        String a = awaitOrder(hub, "demo", poA);
        String b = awaitOrder(hub, "demo", poB);
        assertThat(order(hub, a).path("source").path("position").asString()).isEqualTo("demo/" + name + " rows 2-3");
        assertThat(order(hub, b).path("currency").asString())
                .as("the partner's defaults applied")
                .isEqualTo("USD");
        JsonNode resolved = await("exception resolved")
                .atMost(WAIT)
                .until(
                        () -> exception(hub, number),
                        e -> "RESOLVED".equals(e.path("status").asString()));
        assertThat(historyActions(resolved))
                .containsSubsequence("CREATED", "RETRIED", "REPLAY_FAILED", "RETRIED", "RESOLVED");
        assertThat(orderCount(hub, "demo", poA)).isEqualTo(1);
        assertThat(orderCount(hub, "demo", poB)).isEqualTo(1);
        assertThat(exceptionsAt(hub, start, name))
                .as("no new exception for the replay")
                .hasSize(1);
    }

    @Test
    void aFailedSftpFileRetriedAfterItsCauseIsFixedBecomesOrdersWithHostKeyCheckingOn() {
        HubClient hub = new HubClient(port);
        Path in = Sftp.root().resolve("in");
        String poA = unique("SFTP-REPLAY-A");
        String poB = unique("SFTP-REPLAY-B");
        String name = unique("sftp-replay") + ".csv";
        Instant start = Instant.now().minusSeconds(1);

        String number;
        try (Refusal refusal = new Refusal(jdbc, poA)) {
            drop(in, name, fixture("csv-two-orders.csv", Map.of("PO_A", poA, "PO_B", poB)));
            awaitMoved(in, name, ".error");
            JsonNode pe = awaitFileException(hub, start, name);
            number = pe.path("number").asString();
            assertThat(pe.path("source").path("endpoint").asString())
                    .isEqualTo("direct://channel-files-sftp-test-replay");
        }

        json(hub.post("/api/process-exceptions/" + number + "/retry", OPERATOR, "{}"), 202);

        String a = awaitOrder(hub, "sftp-test", poA);
        awaitOrder(hub, "sftp-test", poB);
        assertThat(order(hub, a).path("source").path("position").asString())
                .isEqualTo("sftp-test/" + name + " rows 2-3");
        await("exception resolved")
                .atMost(WAIT)
                .until(
                        () -> exception(hub, number),
                        e -> "RESOLVED".equals(e.path("status").asString()));
        // every SFTP connection the hub has is a partner's own: its known_hosts, the host key checked
        List<SftpEndpoint> sftp = camel.getEndpoints().stream()
                .filter(SftpEndpoint.class::isInstance)
                .map(SftpEndpoint.class::cast)
                .toList();
        assertThat(sftp).isNotEmpty().allSatisfy(endpoint -> {
            assertThat(endpoint.getConfiguration().getStrictHostKeyChecking()).isEqualTo("yes");
            assertThat(endpoint.getConfiguration().getKnownHostsFile())
                    .isEqualTo(Sftp.knownHosts().toString());
        });
    }

    private static JsonNode awaitFileException(HubClient hub, Instant start, String name) {
        List<JsonNode> found = await("the file's process exception")
                .atMost(WAIT)
                .until(() -> exceptionsAt(hub, start, name), list -> !list.isEmpty());
        assertThat(found).hasSize(1);
        return exception(hub, found.get(0).path("number").asString());
    }

    /** The database refuses to store the order of one PO number until closed: a cause an operator fixes. */
    private static final class Refusal implements AutoCloseable {
        private final JdbcTemplate jdbc;
        private final String function;

        Refusal(JdbcTemplate jdbc, String poNumber) {
            this.jdbc = jdbc;
            this.function = "refuse_" + poNumber.replaceAll("[^A-Za-z0-9]", "_").toLowerCase();
            jdbc.execute("CREATE FUNCTION " + function + "() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                    + "IF NEW.external_order_id = '" + poNumber + "' THEN "
                    + "RAISE EXCEPTION 'the test refuses order " + poNumber + "'; END IF; RETURN NEW; END $$");
            jdbc.execute("CREATE TRIGGER " + function + " BEFORE INSERT ON orders FOR EACH ROW EXECUTE FUNCTION "
                    + function + "()");
        }

        @Override
        public void close() {
            jdbc.execute("DROP TRIGGER " + function + " ON orders");
            jdbc.execute("DROP FUNCTION " + function + "()");
        }
    }
}
