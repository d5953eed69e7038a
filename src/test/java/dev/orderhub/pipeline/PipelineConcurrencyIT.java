package dev.orderhub.pipeline;

import static dev.orderhub.pipeline.PipelineHub.readmeOrder;
import static dev.orderhub.pipeline.PipelineHub.shipTo;
import static dev.orderhub.pipeline.PipelineHub.transactions;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orderhub.fulfillment.ShipmentConfirmation;
import dev.orderhub.fulfillment.Shipping;
import dev.orderhub.invoice.Invoicing;
import dev.orderhub.order.OrderValidator;
import dev.orderhub.order.Source;
import dev.orderhub.shared.Headers;
import dev.orderhub.store.Orders;
import dev.orderhub.support.HubTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The pipeline's steps run for one order from several places at once — the pipeline chain itself, a shipment
 * confirmation, the sweeper, stock arriving, an approval, another hub instance — and each step is idempotent for the
 * status it starts from (docs/architecture.md, Steps). These tests drive one order concurrently on purpose: the card
 * must be authorised once, each shipment invoiced once and its amount captured once, and nothing may go ON_HOLD.
 */
@HubTest
class PipelineConcurrencyIT {
    @LocalServerPort
    int port;

    @Autowired
    CamelContext camel;

    @Autowired
    Environment environment;

    @Autowired
    Orders orders;

    @Autowired
    OrderValidator validator;

    @Autowired
    Pipeline pipeline;

    @Autowired
    Shipping shipping;

    @Autowired
    Invoicing invoicing;

    PipelineHub hub;

    @BeforeEach
    void hub() {
        hub = new PipelineHub(port, environment);
    }

    @Test
    void storedOrderDrivenFourTimesAtOnceIsAuthorisedAndCapturedOnce() {
        String id = orders.create(
                        validator.parse(PipelineHub.JSON.writeValueAsBytes(readmeOrder())),
                        Source.of("test", "concurrency"))
                .id();
        for (int i = 0; i < 4; i++) {
            pipeline.drive(id);
        }

        JsonNode closed = hub.awaitOrder(id, "CLOSED", o -> o.path("invoices").size() == 1);

        assertThat(transactions(closed)).containsExactly("AUTHORIZE APPROVED 552.29", "CAPTURE APPROVED 552.29");
        assertThat(hub.statusPath(id))
                .containsExactly("RECEIVED", "ACCEPTED", "APPROVED", "ALLOCATED", "FULFILLED", "CLOSED");
        hub.assertNoProcessExceptions(id);
    }

    @Test
    void oneShipmentInvoicedFromFourThreadsIsInvoicedAndCapturedOnce() throws Exception {
        ObjectNode order = readmeOrder();
        shipTo(order).put("name", "HOLD Concurrency");
        String id = hub.submit(order);
        JsonNode allocated = hub.awaitOrder(
                id,
                "ALLOCATED",
                o -> o.path("fulfillmentOrders").size() == 1
                        && o.path("fulfillmentOrders")
                                .get(0)
                                .path("status")
                                .asString()
                                .equals("ALLOCATED"));
        String fo = allocated.path("fulfillmentOrders").get(0).path("id").asString();
        // the pipeline's run goes on after ALLOCATED (label, invoice): let it finish before the shipment lands
        await("the pipeline's run of " + id + " finished")
                .atMost(Duration.ofSeconds(30))
                .until(() -> camel.getInflightRepository().browse("lifecycle-pipeline").stream()
                        .noneMatch(running ->
                                id.equals(running.getExchange().getMessage().getHeader(Headers.ORDER_ID))));
        // recorded as the ERP route would, without invoicing yet
        String shipment = shipping.confirm(new ShipmentConfirmation(
                fo,
                "SHP-" + UUID.randomUUID(),
                "UPS",
                "GROUND",
                "1Z999AA10000000009",
                Instant.now(),
                List.of(new ShipmentConfirmation.Line("1", 4))));
        assertThat(shipment).isNotNull();
        assertThat(hub.order(id).path("status").asString()).isEqualTo("FULFILLED");

        // four invoicing runs at once, as the ship route, the pipeline chain and sweepers may start them
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                runs.add(threads.submit(() -> {
                    try {
                        start.await();
                        invoicing.invoiceOrder(id);
                    } catch (Throwable failure) {
                        failures.add(failure);
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> run : runs) {
                run.get(60, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }

        JsonNode after = hub.order(id);
        assertThat(transactions(after))
                .as("gateway calls")
                .containsExactly("AUTHORIZE APPROVED 552.29", "CAPTURE APPROVED 552.29");
        assertThat(after.path("invoices").size()).isEqualTo(1);
        assertThat(after.path("payment").path("captured").asString()).isEqualTo("552.29");
        assertThat(failures).as("invoicing runs that failed").isEmpty();
        assertThat(after.path("status").asString()).isEqualTo("CLOSED");
    }
}
