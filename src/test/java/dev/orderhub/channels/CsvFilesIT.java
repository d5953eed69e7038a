package dev.orderhub.channels;

import static dev.orderhub.channels.ChannelKit.DEAD_LETTER_HEADERS;
import static dev.orderhub.channels.ChannelKit.DLQ;
import static dev.orderhub.channels.ChannelKit.WAIT;
import static dev.orderhub.channels.ChannelKit.awaitMoved;
import static dev.orderhub.channels.ChannelKit.awaitOrder;
import static dev.orderhub.channels.ChannelKit.createdDetail;
import static dev.orderhub.channels.ChannelKit.deadLetterSelector;
import static dev.orderhub.channels.ChannelKit.demoInbox;
import static dev.orderhub.channels.ChannelKit.drop;
import static dev.orderhub.channels.ChannelKit.exception;
import static dev.orderhub.channels.ChannelKit.exceptionsAt;
import static dev.orderhub.channels.ChannelKit.fixture;
import static dev.orderhub.channels.ChannelKit.unique;
import static dev.orderhub.support.HubOrders.order;
import static dev.orderhub.support.HubOrders.orderCount;
import static dev.orderhub.support.JmsMessages.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orderhub.support.HubClient;
import dev.orderhub.support.HubOrders;
import dev.orderhub.support.HubTest;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import tools.jackson.databind.JsonNode;

/**
 * CSV bulk orders in the demo partner's inbox: rows grouped by po_number, one bad order
 * recorded and dead-lettered while the others are stored, the same file twice processed once, columns in any order
 * with unknown ones ignored, and the partner profile's defaults for what the rows lack.
 */
@HubTest
class CsvFilesIT {
    private static final String ROUTE = "channel-files-demo";
    private static final String CHANNEL = "demo";

    @LocalServerPort
    int port;

    @Autowired
    Environment environment;

    @Autowired
    CamelContext camel;

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
    void disconnect() {
        jms.close();
    }

    @Test
    void aFileWithOneBadOrderStoresTheOthersAndRecordsTheBadOneOnce() throws JMSException {
        Instant start = Instant.now().minusSeconds(1);
        String poA = unique("CSV-A");
        String poB = unique("CSV-B");
        String poC = unique("CSV-C");
        String name = unique("bulk") + ".csv";
        NotifyBuilder done = fileDone(name);

        drop(inbox, name, fixture("csv-three-orders-one-bad.csv", Map.of("PO_A", poA, "PO_B", poB, "PO_C", poC)));

        // two orders stored, each naming its file and rows
        String a = awaitOrder(hub, CHANNEL, poA);
        String c = awaitOrder(hub, CHANNEL, poC);
        assertThat(done.matches(WAIT.toSeconds(), TimeUnit.SECONDS))
                .as("file " + name + " processed")
                .isTrue();
        assertProvenance(a, name + " rows 2-3");
        assertProvenance(c, name + " row 6");
        JsonNode orderA = order(hub, a);
        assertThat(orderA.path("lines")).hasSize(2);
        assertThat(orderA.path("lines").path(0).path("lineId").asString())
                .as("line named by its row")
                .isEqualTo("2");
        assertThat(orderA.path("lines").path(1).path("unitPrice").asString()).isEqualTo("5.50");
        assertThat(order(hub, c)
                        .path("deliveryGroups")
                        .path(0)
                        .path("shipTo")
                        .path("country")
                        .asString())
                .isEqualTo("US");

        // the bad order: not stored, one VALIDATION process exception naming the file and its rows
        assertThat(orderCount(hub, CHANNEL, poB)).isZero();
        List<JsonNode> found = await("the bad order's process exception")
                .atMost(WAIT)
                .until(() -> exceptionsAt(hub, start, name), list -> !list.isEmpty());
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(10))
                .until(() -> exceptionsAt(hub, start, name).size() == 1);
        String number = found.get(0).path("number").asString();
        JsonNode pe = exception(hub, number);
        assertThat(pe.path("category").asString()).isEqualTo("VALIDATION");
        assertThat(pe.path("status").asString()).isEqualTo("NEW");
        assertThat(pe.path("attachedTo").isObject()).isFalse();
        assertThat(pe.path("source").path("kind").asString()).isEqualTo("file");
        assertThat(pe.path("source").path("position").asString()).isEqualTo("file demo/" + name + " rows 4-5");
        assertThat(pe.path("externalReference").asString()).isEqualTo(poB);
        assertThat(pe.path("message").asString()).contains("lines[0].quantity");
        assertThat(pe.path("description").asString()).contains(name).contains("rows 4-5");
        JsonNode original =
                ChannelKit.JSON.readTree(pe.path("original").path("body").asString());
        assertThat(original.path("poNumber").asString()).isEqualTo(poB);
        assertThat(original.path("rows")).hasSize(2);
        assertThat(original.path("rows").path(0).path("values").path("quantity").asString())
                .isEqualTo("abc");

        // one dead letter on DLQ.orderhub: the bad order's original, with the cause in headers
        String selector = deadLetterSelector(number);
        await("dead letter of " + number)
                .atMost(WAIT)
                .until(() -> jms.browse(DLQ, selector).size() == 1);
        Message dead = jms.browse(DLQ, selector).get(0);
        for (String header : DEAD_LETTER_HEADERS) {
            assertThat(dead.getObjectProperty(header))
                    .as("dead-letter header %s", header)
                    .isInstanceOf(String.class);
            assertThat(dead.getStringProperty(header))
                    .as("dead-letter header %s", header)
                    .isNotBlank();
        }
        assertThat(dead.getStringProperty("orderhubErrorClass"))
                .isEqualTo("dev.orderhub.order.OrderValidationException");
        assertThat(dead.getStringProperty("orderhubRouteId")).isEqualTo(ROUTE);
        assertThat(body(dead)).isEqualTo(pe.path("original").path("body").asString());
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(10))
                .until(() -> jms.browse(DLQ, selector).size() == 1);
        jms.drain(DLQ, selector);

        // the file is done, not in error: it was read, and every order in it is stored or recorded
        awaitMoved(inbox, name, ".done");
    }

    @Test
    void theSameFileAgainAddsNothing() {
        Instant start = Instant.now().minusSeconds(1);
        String poA = unique("CSV-A");
        String poB = unique("CSV-B");
        String poC = unique("CSV-C");
        String name = unique("again") + ".csv";
        String content = fixture("csv-three-orders-one-bad.csv", Map.of("PO_A", poA, "PO_B", poB, "PO_C", poC));
        NotifyBuilder first = fileDone(name);
        drop(inbox, name, content);
        assertThat(first.matches(WAIT.toSeconds(), TimeUnit.SECONDS))
                .as("first delivery processed")
                .isTrue();
        awaitMoved(inbox, name, ".done");
        String a = awaitOrder(hub, CHANNEL, poA);
        String c = awaitOrder(hub, CHANNEL, poC);
        await().atMost(WAIT).until(() -> exceptionsAt(hub, start, name).size() == 1);

        // the partner sends the very same file again (same name, same content)
        NotifyBuilder second = fileDone(name);
        drop(inbox, name, content);
        assertThat(second.matches(WAIT.toSeconds(), TimeUnit.SECONDS))
                .as("second delivery picked up")
                .isTrue();
        await("second delivery moved out of the inbox").atMost(WAIT).until(() -> !Files.exists(inbox.resolve(name)));

        assertThat(orderCount(hub, CHANNEL, poA)).isEqualTo(1);
        assertThat(orderCount(hub, CHANNEL, poB)).isZero();
        assertThat(orderCount(hub, CHANNEL, poC)).isEqualTo(1);
        assertThat(HubOrders.orderId(hub, CHANNEL, poA)).contains(a);
        assertThat(HubOrders.orderId(hub, CHANNEL, poC)).contains(c);
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(10))
                .until(() -> exceptionsAt(hub, start, name).size() == 1);
        String number = exceptionsAt(hub, start, name).get(0).path("number").asString();
        jms.drain(DLQ, deadLetterSelector(number));
        assertThat(Files.exists(inbox.resolve(".error").resolve(name)))
                .as("the second delivery is not an error")
                .isFalse();
    }

    @Test
    void columnsInAnyOrderUnknownColumnsIgnoredAndPartnerDefaultsApplied() {
        String poA = unique("CSV-A");
        String poC = unique("CSV-C");
        String poB = unique("CSV-B");
        String name = unique("defaults") + ".csv";

        drop(inbox, name, fixture("csv-three-orders-one-bad.csv", Map.of("PO_A", poA, "PO_B", poB, "PO_C", poC)));

        JsonNode order = order(hub, awaitOrder(hub, CHANNEL, poA));
        // the file names no currency, payment or account: the demo partner's profile supplies them
        assertThat(order.path("channel").asString()).isEqualTo("demo");
        assertThat(order.path("externalOrderId").asString()).isEqualTo(poA);
        assertThat(order.path("poNumber").asString()).isEqualTo(poA);
        assertThat(order.path("currency").asString()).isEqualTo("USD");
        assertThat(order.path("payment").path("method").asString()).isEqualTo("PURCHASE_ORDER");
        assertThat(order.path("payment").path("terms").asString()).isEqualTo("NET30");
        assertThat(order.path("account").path("accountId").asString()).isEqualTo("DEMOPARTNER");
        assertThat(order.path("account").path("name").asString()).isEqualTo("Demo Partner Retail");
        // columns read by name whatever their order; internal_note and warehouse_hint are not the hub's business
        JsonNode line = order.path("lines").path(0);
        assertThat(line.path("sku").asString()).isEqualTo("CH-CSV-WIDGET-A");
        assertThat(line.path("description").asString()).isEqualTo("Widget A, blue");
        assertThat(line.path("quantity").asInt()).isEqualTo(2);
        assertThat(line.path("unitPrice").asString()).isEqualTo("10.00");
        JsonNode group = order.path("deliveryGroups").path(0);
        assertThat(group.path("desiredDeliveryDate").asString()).isEqualTo("2026-11-10");
        assertThat(group.path("shipTo").path("name").asString()).isEqualTo("Acme DC");
        assertThat(group.path("shipTo").path("line1").asString()).isEqualTo("9 Dock Rd");
        assertThat(group.path("shipTo").path("city").asString()).isEqualTo("Austin");
        assertThat(group.path("shipTo").path("region").asString()).isEqualTo("TX");
        assertThat(group.path("shipTo").path("postalCode").asString()).isEqualTo("78744");
        assertThat(order.toString())
                .doesNotContain("bay 7")
                .doesNotContain("east")
                .doesNotContain("internal_note")
                .doesNotContain("warehouse_hint");
        awaitMoved(inbox, name, ".done");
        cleanUpDeadLetterOf(name);
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    private void assertProvenance(String orderId, String filePosition) {
        JsonNode order = order(hub, orderId);
        assertThat(order.path("channel").asString()).isEqualTo(CHANNEL);
        assertThat(order.path("source").path("kind").asString()).isEqualTo("file");
        assertThat(order.path("source").path("position").asString()).isEqualTo("demo/" + filePosition);
        assertThat(createdDetail(hub, orderId)).isEqualTo("from file demo/" + filePosition);
    }

    private NotifyBuilder fileDone(String name) {
        return new NotifyBuilder(camel)
                .fromRoute(ROUTE)
                .filter(e -> name.equals(e.getMessage().getHeader(Exchange.FILE_NAME, String.class)))
                .whenDone(1)
                .create();
    }

    /** The fixture's bad order is dead-lettered in every test using it; take its dead letter off the shared queue. */
    private void cleanUpDeadLetterOf(String name) {
        Instant since = Instant.now().minusSeconds(300);
        List<JsonNode> found = await().atMost(WAIT).until(() -> exceptionsAt(hub, since, name), l -> !l.isEmpty());
        found.forEach(pe -> jms.drain(DLQ, deadLetterSelector(pe.path("number").asString())));
    }
}
