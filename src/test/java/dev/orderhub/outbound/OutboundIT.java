package dev.orderhub.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orderhub.store.Outbox;
import dev.orderhub.support.HubClient;
import dev.orderhub.support.HubTest;
import dev.orderhub.support.HubTestContext;
import dev.orderhub.support.JmsMessages;
import dev.orderhub.support.SampleOrders;
import jakarta.jms.Connection;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.activemq.artemis.api.core.ActiveMQException;
import org.apache.activemq.artemis.api.core.Message;
import org.apache.activemq.artemis.core.server.ServerSession;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.server.plugin.ActiveMQServerMessagePlugin;
import org.apache.activemq.artemis.core.transaction.Transaction;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What leaves after a commit, seen from outside on the real servers: a partner document a folder keeps refusing
 * ends as a process exception whose retry sends that one document and publishes no order event again; a
 * confirmation the sandbox ERP cannot send rolls back with the fulfillment order it answers, which the broker
 * delivers again until the confirmation goes out.
 */
@HubTest
class OutboundIT {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    Environment environment;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Outbox outbox;

    @Autowired
    TransactionTemplate transaction;

    @Autowired
    EmbeddedActiveMQ broker;

    @Test
    void aPartnerDocumentTheFolderRefusesBecomesAProcessExceptionWhoseRetrySendsThatDocumentOnly() throws Exception {
        Path folder = Path.of(environment.getRequiredProperty("orderhub.data-dir"))
                .resolve("outbox")
                .resolve("demo");
        Path saved = folder.resolveSibling("demo.saved-" + UUID.randomUUID());
        String fileName = "855-demo-" + UUID.randomUUID() + ".edi";
        String subject = "OUTBOUND-" + UUID.randomUUID();
        List<String> orderEvents = new CopyOnWriteArrayList<>();
        Files.createDirectories(folder);
        // the folder is a file now: the partner's outbound route cannot write into it
        Files.move(folder, saved);
        Files.writeString(folder, "not a folder");
        String number;
        try {
            transaction.executeWithoutResult(tx -> outbox.append(
                    Outbox.Destination.PARTNER_EDI,
                    "x12-855",
                    subject,
                    "ISA*00*refused once~",
                    Map.of(Exchange.FILE_NAME, fileName, "orderhubPartner", "demo")));
            await("parked as a process exception")
                    .atMost(Duration.ofSeconds(60))
                    .until(() -> row(subject).path("process_exception").isString());
            number = row(subject).path("process_exception").asString();
            assertThat(row(subject).path("attempts").asInt()).isEqualTo(Outbox.Destination.PARTNER_EDI.attempts());
            assertThat(row(subject).path("published").asBoolean()).isFalse();
        } finally {
            Files.delete(folder);
            Files.move(saved, folder);
        }
        HubClient hub = new HubClient(port);
        JsonNode exception = JSON.readTree(hub.get("/api/process-exceptions/" + number, HubTestContext.OPERATOR_KEY)
                .body());
        assertThat(exception.path("status").asString()).isEqualTo("NEW");
        assertThat(exception.path("source").path("routeId").asString()).isEqualTo("outbox-relay");
        assertThat(exception.path("externalReference").asString()).isEqualTo(fileName);

        // events published before anyone listened: receiving one of them means it was published again (the topic
        // is shared, so events another test's orders publish meanwhile are not counted)
        Set<String> publishedBefore = Set.copyOf(jdbc.sql("SELECT event_id FROM outbox WHERE published_at IS NOT NULL")
                .query(String.class)
                .list());
        try (ActiveMQConnectionFactory factory = HubTestContext.BROKER_SUBSCRIBER.connectionFactory(environment);
                Connection connection = factory.createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer events = session.createConsumer(
                    session.createTopic("orderhub.order-events"),
                    "orderhubEventType LIKE 'orderhub.order.%' OR orderhubEventType LIKE 'orderhub.shipment.%'"
                            + " OR orderhubEventType LIKE 'orderhub.invoice.%'");
            events.setMessageListener(message -> orderEvents.add(
                    JSON.readTree(JmsMessages.body(message)).path("id").asString()));
            connection.start();

            HttpResponse<String> retried =
                    hub.post("/api/process-exceptions/" + number + "/retry", HubTestContext.OPERATOR_KEY, "{}");
            assertThat(retried.statusCode()).as(retried.body()).isEqualTo(202);
            await("the document written on retry")
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> Files.exists(folder.resolve(fileName)));
            await("the exception resolved")
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> JSON.readTree(hub.get("/api/process-exceptions/" + number, HubTestContext.OPERATOR_KEY)
                                    .body())
                            .path("status")
                            .asString()
                            .equals("RESOLVED"));
            assertThat(Files.readString(folder.resolve(fileName))).isEqualTo("ISA*00*refused once~");
            assertThat(row(subject).path("published").asBoolean()).isTrue();
            assertThat(orderEvents)
                    .as("the retry published no order event again")
                    .doesNotContainAnyElementsOf(publishedBefore)
                    .allMatch(id -> !id.contains("Exception"), "received as an event");
        }
    }

    @Test
    void aConfirmationTheSandboxErpCannotSendLosesNoFulfillmentOrder() {
        String externalId = "PO-" + UUID.randomUUID();
        AtomicInteger refused = new AtomicInteger();
        // the broker refuses the first two confirmations of this order's fulfillment orders: it rolls back the
        // transaction they were sent in (a session that has none gets the refusal itself)
        ActiveMQServerMessagePlugin refuse = new ActiveMQServerMessagePlugin() {
            @Override
            public void beforeSend(
                    ServerSession session, Transaction tx, Message message, boolean direct, boolean noAutoCreateQueue)
                    throws ActiveMQException {
                String fulfillmentOrder = message.getStringProperty("orderhubFulfillmentOrderId");
                if ("orderhub.erp.confirmations".equals(message.getAddress())
                        && fulfillmentOrder != null
                        && ofOrder(fulfillmentOrder, externalId)
                        && refused.getAndIncrement() < 2) {
                    ActiveMQException refusal = new ActiveMQException("confirmation refused by the test");
                    if (tx == null) {
                        throw refusal;
                    }
                    tx.markAsRollbackOnly(refusal);
                }
            }
        };
        broker.getActiveMQServer().registerBrokerPlugin(refuse);
        try {
            HubClient hub = new HubClient(port);
            HttpResponse<String> posted =
                    hub.post("/api/orders", HubTestContext.INGEST_KEY, SampleOrders.withExternalId(externalId));
            assertThat(posted.statusCode()).as(posted.body()).isEqualTo(202);
            String id = JSON.readTree(posted.body()).path("id").asString();

            await("the order shipped and closed")
                    .atMost(Duration.ofSeconds(90))
                    .until(() -> JSON.readTree(hub.get("/api/orders/" + id, HubTestContext.OPERATOR_KEY)
                                    .body())
                            .path("status")
                            .asString()
                            .equals("CLOSED"));
            assertThat(refused.get()).as("confirmations refused").isGreaterThanOrEqualTo(2);
            JsonNode closed = JSON.readTree(
                    hub.get("/api/orders/" + id, HubTestContext.OPERATOR_KEY).body());
            assertThat(closed.path("fulfillmentOrders")).allSatisfy(fo -> {
                assertThat(fo.path("status").asString()).isEqualTo("FULFILLED");
                assertThat(fo.path("shipments").size()).as("shipped once").isEqualTo(1);
            });
        } finally {
            broker.getActiveMQServer().unRegisterBrokerPlugin(refuse);
        }
    }

    private boolean ofOrder(String fulfillmentOrder, String externalId) {
        return jdbc.sql("""
                SELECT COUNT(*) FROM fulfillment_orders f JOIN orders o ON o.id = f.order_id
                WHERE f.id = ? AND o.external_order_id = ?""")
                        .param(fulfillmentOrder)
                        .param(externalId)
                        .query(Long.class)
                        .single()
                > 0;
    }

    private JsonNode row(String subject) {
        Map<String, Object> row = jdbc.sql("""
                SELECT attempts, process_exception, published_at IS NOT NULL AS published FROM outbox
                WHERE destination = 'partner-edi' AND subject = ?""").param(subject).query().singleRow();
        return JSON.valueToTree(row);
    }
}
