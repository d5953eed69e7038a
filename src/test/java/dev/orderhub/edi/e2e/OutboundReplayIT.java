package dev.orderhub.edi.e2e;

import static dev.orderhub.edi.e2e.EdiKit.OPERATOR;
import static dev.orderhub.edi.e2e.EdiKit.QUIET;
import static dev.orderhub.edi.e2e.EdiKit.WAIT;
import static dev.orderhub.edi.e2e.EdiKit.awaitOrder;
import static dev.orderhub.edi.e2e.EdiKit.awaitStatus;
import static dev.orderhub.edi.e2e.EdiKit.drop;
import static dev.orderhub.edi.e2e.EdiKit.groupControl;
import static dev.orderhub.edi.e2e.EdiKit.isa13;
import static dev.orderhub.edi.e2e.EdiKit.po;
import static dev.orderhub.edi.e2e.X12Sample.interchange;
import static dev.orderhub.edi.e2e.X12Sample.po850;
import static dev.orderhub.edi.e2e.X12Sample.smallPo;
import static dev.orderhub.support.HubOrders.enc;
import static dev.orderhub.support.HubOrders.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orderhub.support.HubClient;
import dev.orderhub.support.HubTest;
import dev.orderhub.support.HubTestContext;
import dev.orderhub.support.Sftp;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Session;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Retry of an order event the partner-EDI subscriber failed on (README, Process exceptions, dead letters and
 * replay): the database refuses the 855 of one PO (a trigger on the real PostgreSQL, dropped once the test "fixes the
 * cause"), so the ACCEPTED event becomes a process exception of kind {@code event}. Its retry runs the documents step
 * for that event only: the 855 reaches the demo partner and no one else, no event is published on
 * {@code orderhub.order-events}, and the exception is RESOLVED. A corrected body is refused: the event is the hub's.
 */
@HubTest
class OutboundReplayIT {
    private static final String ROUTE = "outbound-partner-edi";

    @LocalServerPort
    int port;

    @Autowired
    Environment environment;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aFailedPartnerDocumentIsRetriedForThatPartnerOnlyAndPublishesNoEvent() throws JMSException {
        HubClient hub = new HubClient(port);
        Path data = Path.of(environment.getRequiredProperty("orderhub.data-dir"));
        Path inbox = data.resolve("inbox").resolve("demo");
        EdiKit.Outbox demo = new EdiKit.Outbox(data.resolve("outbox").resolve("demo"));
        EdiKit.Outbox sftpPartner = new EdiKit.Outbox(Sftp.root().resolve("out"));
        String poNumber = po("E2E-REPLAY");
        String isa = isa13();
        Instant start = Instant.now().minusSeconds(1);

        String id;
        JsonNode failed;
        String function = "refuse_855_" + isa;
        jdbc.execute("CREATE FUNCTION " + function + "() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                + "IF NEW.type = 'x12-855' AND strpos(NEW.payload, '" + poNumber + "') > 0 THEN "
                + "RAISE EXCEPTION 'the test refuses the 855 of %', '" + poNumber
                + "' USING ERRCODE = 'check_violation';"
                + " END IF; RETURN NEW; END $$");
        jdbc.execute("CREATE TRIGGER " + function + " BEFORE INSERT ON outbox FOR EACH ROW EXECUTE FUNCTION " + function
                + "()");
        try {
            drop(
                    inbox,
                    "replay-" + isa + ".edi",
                    interchange("DEMOPARTNER", "00401", isa)
                            .group(groupControl(), "004010", po850("0001", smallPo(poNumber, "GLOVES-L", 1)))
                            .in(X12Sample.TILDE_LINES));
            id = awaitOrder(hub, "demo", poNumber);
            failed = await("the 855's process exception")
                    .atMost(WAIT)
                    .until(() -> outboundExceptions(hub, start, id), l -> !l.isEmpty())
                    .get(0);
            // nothing more happens to the order: every later event is out before the retry is watched
            awaitStatus(hub, id, "CLOSED");
        } finally {
            jdbc.execute("DROP TRIGGER " + function + " ON outbox");
            jdbc.execute("DROP FUNCTION " + function + "()");
        }
        String number = failed.path("number").asString();
        assertThat(failed.path("status").asString()).isEqualTo("NEW");
        assertThat(failed.path("source").path("kind").asString()).isEqualTo("event");
        assertThat(failed.path("source").path("endpoint").asString()).isEqualTo("direct://" + ROUTE + "-replay");
        assertThat(failed.path("original")
                        .path("headers")
                        .path("orderhubSourceKind")
                        .asString())
                .isEqualTo("edi");
        assertThat(demo.all855(poNumber)).as("no 855 before the retry").isEmpty();
        assertThat(outboundExceptions(hub, start, id))
                .as("one exception for the order's events")
                .hasSize(1);

        // a corrected body would speak for the hub: refused, nothing stored
        HttpResponse<String> corrected = hub.post(
                "/api/process-exceptions/" + number + "/retry",
                OPERATOR,
                EdiKit.JSON.writeValueAsString(Map.of("correctedBody", "{\"type\":\"orderhub.order.created\"}")));
        assertThat(corrected.statusCode()).as(corrected.body()).isEqualTo(409);
        JsonNode unchanged = exception(hub, number);
        assertThat(unchanged.path("original").path("body").asString())
                .isEqualTo(failed.path("original").path("body").asString());
        assertThat(unchanged.path("attempts").asInt())
                .isEqualTo(failed.path("attempts").asInt());

        // the order's own events (up to CLOSED) have left before anyone listens: what arrives later was sent again
        await("the order's events published")
                .atMost(WAIT)
                .until(() -> jdbc.queryForObject(
                                "SELECT COUNT(*) FROM outbox WHERE subject = ? AND destination = 'order-events'"
                                        + " AND published_at IS NULL",
                                Long.class,
                                id)
                        == 0);
        List<String> published = new CopyOnWriteArrayList<>();
        ActiveMQConnectionFactory factory = HubTestContext.BROKER_SUBSCRIBER.connectionFactory(environment);
        try (factory;
                Connection connection = factory.createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            session.createConsumer(session.createTopic("orderhub.order-events"), "orderhubOrderId = '" + id + "'")
                    .setMessageListener(message -> {
                        try {
                            published.add(message.getStringProperty("orderhubEventType"));
                        } catch (JMSException e) {
                            published.add(e.toString());
                        }
                    });
            connection.start();

            json(hub.post("/api/process-exceptions/" + number + "/retry", OPERATOR, "{}"), 202);

            EdiKit.Doc ack = demo.await855(poNumber);
            assertThat(ack.partnerId()).isEqualTo("demo");
            JsonNode resolved = await("exception resolved")
                    .atMost(WAIT)
                    .until(
                            () -> exception(hub, number),
                            e -> "RESOLVED".equals(e.path("status").asString()));
            List<String> actions = new ArrayList<>();
            resolved.path("history").forEach(h -> actions.add(h.path("action").asString()));
            assertThat(actions).containsSubsequence("CREATED", "RETRIED", "RESOLVED");
            await("nothing published, one 855")
                    .during(QUIET)
                    .atMost(QUIET.multipliedBy(3))
                    .until(() -> published.isEmpty() && demo.all855(poNumber).size() == 1);
        }
        assertThat(sftpPartner.all855(poNumber)).as("no other partner gets it").isEmpty();
    }

    /** The process exceptions of the partner-EDI subscriber since an instant about one order, in full. */
    private static List<JsonNode> outboundExceptions(HubClient hub, Instant since, String orderId) {
        JsonNode page = json(hub.get("/api/process-exceptions?from=" + enc(since) + "&size=200", OPERATOR), 200);
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode item : page.path("items")) {
            if (ROUTE.equals(item.path("source").path("routeId").asString())) {
                JsonNode pe = exception(hub, item.path("number").asString());
                if (pe.path("original").path("body").asString().contains(orderId)) {
                    found.add(pe);
                }
            }
        }
        return found;
    }

    private static JsonNode exception(HubClient hub, String number) {
        return json(hub.get("/api/process-exceptions/" + enc(number), OPERATOR), 200);
    }
}
