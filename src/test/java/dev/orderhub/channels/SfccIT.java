package dev.orderhub.channels;

import static dev.orderhub.channels.ChannelKit.DLQ;
import static dev.orderhub.channels.ChannelKit.INGEST;
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
import static dev.orderhub.support.HubOrders.json;
import static dev.orderhub.support.HubOrders.order;
import static dev.orderhub.support.HubOrders.orderCount;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.orderhub.support.HubClient;
import dev.orderhub.support.HubTest;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import tools.jackson.databind.JsonNode;

/**
 * Salesforce B2C Commerce order exports: many {@code <order>}s a document, over REST and as
 * {@code .xml} files in the demo partner's inbox. A document with one bad order is refused whole over REST; a
 * document that declares a DOCTYPE is refused and no external entity is ever resolved.
 */
@HubTest
class SfccIT {
    private static final String PATH = "/api/channels/sfcc/orders";
    private static final String SECRET = "top-secret-" + UUID.randomUUID();

    @LocalServerPort
    int port;

    @Autowired
    Environment environment;

    @Autowired
    CamelContext camel;

    @TempDir
    Path temp;

    HubClient hub;
    /** Where an external entity or DTD would be fetched from, if anything ever fetched one. */
    HttpServer entityServer;

    final AtomicInteger entityFetches = new AtomicInteger();

    @BeforeEach
    void start() throws IOException {
        hub = new HubClient(port);
        entityServer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        entityServer.createContext("/", exchange -> {
            entityFetches.incrementAndGet();
            byte[] dtd = "<!ENTITY leaked \"fetched\">".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, dtd.length);
            exchange.getResponseBody().write(dtd);
            exchange.close();
        });
        entityServer.start();
    }

    @AfterEach
    void stop() {
        entityServer.stop(0);
    }

    @Test
    void aRestDocumentWithTwoOrdersMakesTwoOrders() {
        String first = unique("SFCC-REST");
        String second = unique("SFCC-REST");

        JsonNode answer = json(postXml(twoOrders(first, second, "1.0")), 202);

        assertThat(answer.path("orders")).hasSize(2);
        assertThat(answer.path("orders").path(0).path("externalOrderId").asString())
                .isEqualTo(first);
        assertThat(answer.path("orders").path(1).path("externalOrderId").asString())
                .isEqualTo(second);
        for (int i = 0; i < 2; i++) {
            String externalId = i == 0 ? first : second;
            String id = answer.path("orders").path(i).path("id").asString();
            assertThat(orderCount(hub, "sfcc", externalId)).isEqualTo(1);
            JsonNode order = order(hub, id);
            assertThat(order.path("channel").asString()).isEqualTo("sfcc");
            assertThat(order.path("externalOrderId").asString()).isEqualTo(externalId);
            assertThat(order.path("payment").path("method").asString()).isEqualTo("PREPAID");
            assertThat(order.path("source").path("kind").asString()).isEqualTo("rest");
            assertThat(order.path("source").path("position").asString())
                    .isEqualTo(PATH.replace("/api", "POST /api") + " order " + (i + 1));
            assertThat(createdDetail(hub, id)).isEqualTo("from rest POST " + PATH + " order " + (i + 1));
        }
        JsonNode one = order(hub, answer.path("orders").path(0).path("id").asString());
        assertThat(one.path("payment").path("reference").asString()).isEqualTo("7304519874566093104");
        assertThat(one.path("payment").path("amount").asString()).isEqualTo("154.34");
        assertThat(one.path("taxMode").asString()).isEqualTo("NET");
        assertThat(one.path("lines")
                        .path(0)
                        .path("taxLines")
                        .path(0)
                        .path("amount")
                        .asString())
                .as("line tax as SFCC charged it, after its price adjustment (12.30 - 1.23)")
                .isEqualTo("11.07");
        assertThat(one.path("lines")
                        .path(0)
                        .path("adjustments")
                        .path(0)
                        .path("reason")
                        .asString())
                .isEqualTo("RUN10");

        // the same document again: nothing stored twice, the same ids
        JsonNode again = json(postXml(twoOrders(first, second, "1.0")), 200);
        assertThat(again.path("orders").path(0).path("id").asString())
                .isEqualTo(answer.path("orders").path(0).path("id").asString());
        assertThat(orderCount(hub, "sfcc", first)).isEqualTo(1);
        assertThat(orderCount(hub, "sfcc", second)).isEqualTo(1);
    }

    @Test
    void aDoctypeIsRefusedWith400AndNoExternalEntityIsResolved() throws IOException {
        String orderNo = unique("SFCC-XXE");

        HttpResponse<String> response = postXml(xxe(orderNo));

        JsonNode problem = json(response, 400);
        assertThat(problem.path("detail").asString()).contains("DOCTYPE");
        assertThat(response.body()).doesNotContain(SECRET).doesNotContain("fetched");
        assertThat(entityFetches.get()).as("external DTD fetched over HTTP").isZero();
        assertThat(orderCount(hub, "sfcc", orderNo)).isZero();
    }

    @Test
    void aDocumentWithOneBadOrderIsRefusedWholeWith400AndNothingIsStored() {
        String good = unique("SFCC-HALF");
        String bad = unique("SFCC-HALF");

        JsonNode problem = json(postXml(twoOrders(good, bad, "0.0")), 400);

        List<String> fields = new ArrayList<>();
        problem.path("errors").forEach(e -> fields.add(e.path("field").asString()));
        assertThat(fields).as("errors %s", problem.path("errors")).contains("orders[1].lines[0].quantity");
        assertThat(fields).allMatch(f -> f.startsWith("orders[1]"));
        assertThat(orderCount(hub, "sfcc", good))
                .as("the good order of the refused document")
                .isZero();
        assertThat(orderCount(hub, "sfcc", bad)).isZero();
    }

    @Test
    void anXmlFileInTheDemoInboxBecomesOrdersAndMovesToDone() {
        Path inbox = demoInbox(environment);
        String first = unique("SFCC-FILE");
        String second = unique("SFCC-FILE");
        String name = unique("sfcc-export") + ".xml";

        drop(inbox, name, twoOrders(first, second, "1.0"));

        for (int i = 0; i < 2; i++) {
            String id = awaitOrder(hub, "sfcc", i == 0 ? first : second);
            JsonNode order = order(hub, id);
            String position = "demo/" + name + " document " + (i + 1);
            assertThat(order.path("source").path("kind").asString()).isEqualTo("file");
            assertThat(order.path("source").path("position").asString()).isEqualTo(position);
            assertThat(createdDetail(hub, id)).isEqualTo("from file " + position);
        }
        awaitMoved(inbox, name, ".done");
        assertThat(orderCount(hub, "sfcc", first)).isEqualTo(1);
        assertThat(orderCount(hub, "sfcc", second)).isEqualTo(1);
    }

    @Test
    void aFileWithADoctypeMovesToErrorWithOneProcessExceptionAndNoEntityResolved() throws IOException {
        Instant start = Instant.now().minusSeconds(1);
        Path inbox = demoInbox(environment);
        String orderNo = unique("SFCC-XXE-FILE");
        String name = unique("sfcc-doctype") + ".xml";
        NotifyBuilder done = new NotifyBuilder(camel)
                .fromRoute("channel-files-demo")
                .filter(e -> name.equals(e.getMessage().getHeader(Exchange.FILE_NAME, String.class)))
                .whenDone(1)
                .create();

        drop(inbox, name, xxe(orderNo));

        assertThat(done.matches(WAIT.toSeconds(), TimeUnit.SECONDS))
                .as("file " + name + " picked up")
                .isTrue();
        awaitMoved(inbox, name, ".error");
        List<JsonNode> found = await("the file's process exception")
                .atMost(WAIT)
                .until(() -> exceptionsAt(hub, start, name), list -> !list.isEmpty());
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(10))
                .until(() -> exceptionsAt(hub, start, name).size() == 1);
        JsonNode pe = exception(hub, found.get(0).path("number").asString());
        assertThat(pe.path("message").asString()).contains("DOCTYPE");
        assertThat(pe.path("source").path("kind").asString()).isEqualTo("file");
        assertThat(pe.path("source").path("position").asString()).contains(name);
        assertThat(pe.path("attachedTo").isObject()).isFalse();
        assertThat(entityFetches.get()).as("external DTD fetched over HTTP").isZero();
        assertThat(orderCount(hub, "sfcc", orderNo)).isZero();
        try (ChannelKit.Jms jms = new ChannelKit.Jms(environment)) {
            String selector = deadLetterSelector(pe.path("number").asString());
            await().atMost(WAIT).until(() -> jms.browse(DLQ, selector).size() == 1);
            jms.drain(DLQ, selector);
        }
        // an unreadable input is a mapping failure (a permanent failure of the input), not a failing connector
        assertThat(pe.path("category").asString()).isEqualTo("MAPPING");
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    /** The mapping example's two-order export (net taxation) with fresh order numbers; {@code qty} of order 2's first line. */
    private static String twoOrders(String first, String second, String qty) {
        return fixture("sfcc-two-orders.xml", Map.of("ORDER_1", first, "ORDER_2", second, "ORDER_2_QTY", qty));
    }

    /** A document whose DOCTYPE names a local secret file and an external DTD on {@link #entityServer}. */
    private String xxe(String orderNo) throws IOException {
        Path secret = Files.writeString(temp.resolve("secret.txt"), SECRET);
        return fixture(
                "sfcc-doctype-xxe.xml",
                Map.of(
                        "ORDER_1",
                        orderNo,
                        "SECRET_FILE_URI",
                        secret.toUri().toString(),
                        "REMOTE_DTD_URL",
                        "http://127.0.0.1:" + entityServer.getAddress().getPort() + "/evil.dtd"));
    }

    private HttpResponse<String> postXml(String xml) {
        return hub.post(
                PATH,
                HttpRequest.newBuilder()
                        .timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/xml")
                        .header("X-Api-Key", INGEST)
                        .POST(HttpRequest.BodyPublishers.ofString(xml, StandardCharsets.UTF_8)));
    }
}
