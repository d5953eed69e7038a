package dev.orderhub.channels;

import static dev.orderhub.channels.ChannelKit.WAIT;
import static dev.orderhub.channels.ChannelKit.awaitMoved;
import static dev.orderhub.channels.ChannelKit.awaitOrder;
import static dev.orderhub.channels.ChannelKit.createdDetail;
import static dev.orderhub.channels.ChannelKit.drop;
import static dev.orderhub.channels.ChannelKit.fixture;
import static dev.orderhub.channels.ChannelKit.unique;
import static dev.orderhub.support.HubOrders.order;
import static dev.orderhub.support.HubOrders.orderCount;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orderhub.support.HubClient;
import dev.orderhub.support.HubOrders;
import dev.orderhub.support.HubTest;
import dev.orderhub.support.Sftp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * A partner whose files arrive on SFTP: partner {@code sftp-test} of the test context reads
 * directory {@code in} on the in-process MINA SSHD server as key-authenticated user {@code partner}, with strict host
 * key checking against a known_hosts file. Its files become orders of channel {@code sftp-test} and move to
 * {@code in/.done}.
 */
@HubTest
class SftpChannelIT {
    private static final String CHANNEL = "sftp-test";
    private static final String ROUTE = "channel-files-sftp-test";
    private static final String SECOND_CONSUMER = "test-second-sftp-consumer";

    @LocalServerPort
    int port;

    @Autowired
    CamelContext camel;

    HubClient hub;
    Path in;

    @BeforeEach
    void connect() {
        hub = new HubClient(port);
        in = Sftp.root().resolve("in");
    }

    @AfterEach
    void removeSecondConsumer() throws Exception {
        if (camel.getRoute(SECOND_CONSUMER) != null) {
            camel.getRouteController().stopRoute(SECOND_CONSUMER);
            camel.removeRoute(SECOND_CONSUMER);
        }
    }

    @Test
    void twoConsumersOfOneSftpDirectoryProcessEachFileOnce() {
        // a second hub's consumer of the same directory: its own endpoint and SFTP session, another poll delay
        TemplatedRouteBuilder.builder(camel, "partner-sftp-inbound")
                .routeId(SECOND_CONSUMER)
                .parameter("partner", CHANNEL)
                .parameter("host", "127.0.0.1")
                .parameter("port", String.valueOf(Sftp.port()))
                .parameter("user", Sftp.USER)
                .parameter("directory", "in")
                .parameter("privateKeyFile", Sftp.privateKey().toString())
                .parameter("knownHostsFile", Sftp.knownHosts().toString())
                .parameter("pollDelayMs", "300")
                .add();
        record Dropped(String name, String a, String b) {}
        List<Dropped> files = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Dropped file = new Dropped(unique("sftp-twice") + ".csv", unique("SFTP-A"), unique("SFTP-B"));
            drop(in, file.name(), fixture("csv-two-orders.csv", Map.of("PO_A", file.a(), "PO_B", file.b())));
            files.add(file);
        }
        for (Dropped file : files) {
            awaitOrder(hub, CHANNEL, file.a());
            awaitOrder(hub, CHANNEL, file.b());
            awaitMoved(in, file.name(), ".done");
        }
        for (Dropped file : files) {
            assertThat(orderCount(hub, CHANNEL, file.a())).as(file.name()).isEqualTo(1);
            assertThat(orderCount(hub, CHANNEL, file.b())).as(file.name()).isEqualTo(1);
            assertThat(Files.exists(in.resolve(".error").resolve(file.name())))
                    .as(file.name() + " in .error")
                    .isFalse();
        }
    }

    @Test
    void aCsvFileOnTheSftpServerBecomesOrdersAndMovesToDone() {
        String poA = unique("SFTP-A");
        String poB = unique("SFTP-B");
        String name = unique("sftp-bulk") + ".csv";

        drop(in, name, fixture("csv-two-orders.csv", Map.of("PO_A", poA, "PO_B", poB)));

        String a = awaitOrder(hub, CHANNEL, poA);
        String b = awaitOrder(hub, CHANNEL, poB);
        JsonNode orderA = order(hub, a);
        assertThat(orderA.path("channel").asString()).isEqualTo(CHANNEL);
        assertThat(orderA.path("lines")).hasSize(2);
        assertThat(orderA.path("currency").asString()).as("partner default").isEqualTo("USD");
        assertThat(orderA.path("payment").path("method").asString()).isEqualTo("PURCHASE_ORDER");
        assertThat(orderA.path("account").path("accountId").asString()).isEqualTo("DEMOPARTNER");
        assertThat(orderA.path("source").path("kind").asString()).isEqualTo("file");
        assertThat(orderA.path("source").path("position").asString()).isEqualTo(CHANNEL + "/" + name + " rows 2-3");
        assertThat(createdDetail(hub, a)).isEqualTo("from file " + CHANNEL + "/" + name + " rows 2-3");
        JsonNode orderB = order(hub, b);
        assertThat(orderB.path("lines")).hasSize(1);
        assertThat(orderB.path("deliveryGroups")
                        .path(0)
                        .path("shipTo")
                        .path("line2")
                        .asString())
                .isEqualTo("Suite 100");
        assertThat(orderB.path("source").path("position").asString()).isEqualTo(CHANNEL + "/" + name + " row 4");

        awaitMoved(in, name, ".done");
    }

    @Test
    void theSameFileTwiceOnTheSftpServerIsProcessedOnce() {
        String poA = unique("SFTP-A");
        String poB = unique("SFTP-B");
        String name = unique("sftp-again") + ".csv";
        String content = fixture("csv-two-orders.csv", Map.of("PO_A", poA, "PO_B", poB));
        drop(in, name, content);
        String a = awaitOrder(hub, CHANNEL, poA);
        awaitMoved(in, name, ".done");

        NotifyBuilder second = new NotifyBuilder(camel)
                .fromRoute(ROUTE)
                .filter(e -> name.equals(e.getMessage().getHeader(Exchange.FILE_NAME_ONLY, String.class)))
                .whenDone(1)
                .create();
        drop(in, name, content);
        assertThat(second.matches(WAIT.toSeconds(), TimeUnit.SECONDS))
                .as("second delivery picked up")
                .isTrue();
        await("second delivery moved out of in/").atMost(WAIT).until(() -> !Files.exists(in.resolve(name)));

        assertThat(orderCount(hub, CHANNEL, poA)).isEqualTo(1);
        assertThat(orderCount(hub, CHANNEL, poB)).isEqualTo(1);
        assertThat(HubOrders.orderId(hub, CHANNEL, poA)).contains(a);
        assertThat(Files.exists(in.resolve(".error").resolve(name)))
                .as("the second delivery is not an error")
                .isFalse();
    }
}
