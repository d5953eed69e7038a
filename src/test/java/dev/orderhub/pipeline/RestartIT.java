package dev.orderhub.pipeline;

import static dev.orderhub.pipeline.PipelineHub.list;
import static dev.orderhub.pipeline.PipelineHub.readmeOrder;
import static dev.orderhub.pipeline.PipelineHub.transactions;
import static org.assertj.core.api.Assertions.assertThat;

import dev.orderhub.OrderhubApplication;
import dev.orderhub.order.OrderValidator;
import dev.orderhub.order.Source;
import dev.orderhub.payment.Funds;
import dev.orderhub.store.Intake;
import dev.orderhub.store.Orders;
import dev.orderhub.support.HubTest;
import dev.orderhub.support.HubTestContext;
import dev.orderhub.support.Postgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import tools.jackson.databind.JsonNode;

/**
 * A hub restarted mid-pipeline resumes its orders (docs/architecture.md, Steps: the sweeper). Orders are left as a
 * crash leaves them — stored RECEIVED without the pipeline started, ACCEPTED, and APPROVED with the card authorised —
 * by calling the shared hub's store and steps directly, with its sweeper stopped (it plays the instance that crashed).
 * Then a second, separate hub starts on the same PostgreSQL with its own data folder, broker and a sandbox carrier
 * whose tracking numbers start with {@value #RESTARTED_PREFIX}; its sweeper must drive every order to CLOSED.
 */
@HubTest
class RestartIT {
    private static final String RESTARTED_PREFIX = "1ZRST";
    private static final String SWEEPER_ROUTE = "lifecycle-sweeper";
    private static final String RELAY_ROUTE = "outbox-relay";

    @LocalServerPort
    int port;

    @Autowired
    Environment environment;

    @Autowired
    CamelContext camel;

    @Autowired
    Orders orders;

    @Autowired
    OrderValidator validator;

    @Autowired
    Acceptance acceptance;

    @Autowired
    Funds funds;

    PipelineHub hub;

    @BeforeEach
    void hub() {
        hub = new PipelineHub(port, environment);
    }

    @Test
    void restartedHubSweepsOrdersLeftMidPipelineToClosed() throws Exception {
        // the shared hub plays the instance that crashed: neither its sweeper nor its outbox relay runs meanwhile
        camel.getRouteController().stopRoute(SWEEPER_ROUTE);
        camel.getRouteController().stopRoute(RELAY_ROUTE);
        try {
            Map<String, String> stuck = new LinkedHashMap<>();
            String received = store();
            stuck.put(received, "RECEIVED");
            String accepted = store();
            acceptance.accept(accepted);
            stuck.put(accepted, "ACCEPTED");
            String approved = store();
            acceptance.accept(approved);
            funds.ensureFunds(approved);
            stuck.put(approved, "APPROVED");
            stuck.forEach(
                    (id, status) -> assertThat(hub.order(id).path("status").asString())
                            .as("order %s left as a crash leaves it", id)
                            .isEqualTo(status));

            try (ConfigurableApplicationContext restarted = startSecondHub()) {
                assertThat(restarted.isActive()).isTrue();
                for (String id : stuck.keySet()) {
                    JsonNode closed =
                            hub.awaitOrder(id, "CLOSED", o -> o.path("invoices").size() == 1);
                    assertThat(closed.path("totals").path("grandTotal").asString())
                            .isEqualTo("552.29");
                    assertThat(closed.path("invoices").get(0).path("total").asString())
                            .isEqualTo("552.29");
                    assertThat(closed.path("payment").path("captured").asString())
                            .isEqualTo("552.29");
                    assertThat(closed.path("payment").path("balance").asString())
                            .isEqualTo("0.00");
                    assertThat(transactions(closed))
                            .as("authorised once, captured once")
                            .containsExactly("AUTHORIZE APPROVED 552.29", "CAPTURE APPROVED 552.29");
                    List<JsonNode> fulfillmentOrders = list(closed.path("fulfillmentOrders"));
                    assertThat(fulfillmentOrders).hasSize(1);
                    assertThat(fulfillmentOrders
                                    .get(0)
                                    .path("shipments")
                                    .get(0)
                                    .path("trackingNumber")
                                    .asString())
                            .as("shipped by the restarted hub's sandbox ERP")
                            .startsWith(RESTARTED_PREFIX);
                    assertThat(hub.statusPath(id))
                            .as("history of %s", id)
                            .containsExactly("RECEIVED", "ACCEPTED", "APPROVED", "ALLOCATED", "FULFILLED", "CLOSED");
                    assertThat(hub.history(id).get(0).path("detail").asString()).isEqualTo("from test restart");
                }
            }
        } finally {
            camel.getRouteController().startRoute(SWEEPER_ROUTE);
            camel.getRouteController().startRoute(RELAY_ROUTE);
        }
    }

    /** Stores README's order as intake would, without starting its pipeline: the state right after a crash. */
    private String store() {
        Intake intake = orders.create(
                validator.parse(PipelineHub.JSON.writeValueAsBytes(readmeOrder())), Source.of("test", "restart"));
        assertThat(intake.created()).isTrue();
        return intake.id();
    }

    /**
     * The second hub: same database, its own data folder, broker port and HTTP port, a sweeper that re-drives at once
     * every order idle in a working status, and connector files copied with another carrier tracking prefix.
     * Command-line arguments, so that they win over application.yaml (default properties would not).
     */
    private static ConfigurableApplicationContext startSecondHub() throws IOException {
        Path home = Files.createTempDirectory(Files.createDirectories(Path.of("target", "it-data")), "restarted-");
        Path connectors = copyConnectors(home.resolve("connectors"));
        return new SpringApplicationBuilder(OrderhubApplication.class)
                .run(
                        "--spring.datasource.url=" + Postgres.jdbcUrl(),
                        "--spring.datasource.username=postgres",
                        "--spring.datasource.password=",
                        "--server.port=0",
                        "--orderhub.data-dir=" + home.resolve("data"),
                        "--orderhub.broker.port=" + HubTestContext.freePort(),
                        "--orderhub.connectors.dir=" + connectors,
                        "--orderhub.pipeline.sweep-idle-seconds=0",
                        "--orderhub.pipeline.sweep-period-ms=500");
    }

    private static Path copyConnectors(Path target) throws IOException {
        Path source = Path.of("connectors");
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : files.toList()) {
                Path copy = target.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(file, copy);
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        Path carrier = target.resolve("carrier").resolve("sandbox.yaml");
        String yaml = Files.readString(carrier, StandardCharsets.UTF_8);
        String changed = yaml.replaceFirst("(?m)^trackingPrefix:.*$", "trackingPrefix: \"" + RESTARTED_PREFIX + "\"");
        assertThat(changed)
                .as("the carrier connector names its tracking prefix")
                .isNotEqualTo(yaml);
        Files.writeString(carrier, changed, StandardCharsets.UTF_8);
        return target;
    }
}
