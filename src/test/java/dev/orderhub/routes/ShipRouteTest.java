package dev.orderhub.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orderhub.exception.Failures;
import dev.orderhub.fulfillment.ShipmentConfirmation;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.junit5.CamelContextConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * routes/lifecycle/ship.yaml: an ERP confirmation is read as a ShipmentConfirmation, recorded, and invoiced only when
 * the ship step returns an order id; malformed JSON is dead-lettered at once, other failures are redelivered.
 */
class ShipRouteTest extends YamlRouteTestSupport {
    private static final String CONFIRMATIONS = "direct:erp-confirmations";
    private static final String INVOICE = "mock:invoice";

    private final RecordingShipping shipping = new RecordingShipping();

    @BeforeEach
    void startRoutes() throws Exception {
        context.getRegistry().bind("shipping", shipping);
        context.getRegistry().bind("inProcessSteps", new StepsApart());
        start("routes/lifecycle/ship.yaml");
    }

    /** The route's steps one at a time, as with a remote connector (the one-transaction path: InProcessStepsIT). */
    public static final class StepsApart {
        public boolean shipToCloseApart(ShipmentConfirmation confirmation) {
            return true;
        }
    }

    @Override
    public void configureContext(CamelContextConfiguration context) {
        super.configureContext(context);
        // the replay entry's bean reads the database; ConfirmationReplayIT runs it
        context.withRouteFilterExcludePattern("errors-metrics,lifecycle-ship-replay");
    }

    @Override
    void advise() throws Exception {
        AdviceWith.adviceWith(context, "lifecycle-ship", route -> {
            route.replaceFromWith(CONFIRMATIONS);
            route.weaveByToUri("direct:lifecycle-invoice").replace().to(INVOICE);
        });
    }

    @Test
    void confirmationIsReadAndItsOrderInvoiced() throws Exception {
        MockEndpoint invoice = getMockEndpoint(INVOICE);
        invoice.expectedHeaderReceived("orderhubOrderId", "ORD-FO-1");
        MockEndpoint dlq = getMockEndpoint(JMS_DLQ);
        dlq.expectedMessageCount(0);

        confirm("""
                {"fulfillmentOrderId":"FO-1","shipmentId":"SHP-1","carrier":"UPS","service":"GROUND",
                 "trackingNumber":"1Z1","shippedAt":"2026-11-27T10:15:30Z","lines":[{"lineId":"1","quantity":2}],
                 "erpBatch":"ignored"}""");

        MockEndpoint.assertIsSatisfied(invoice, dlq);
        assertThat(shipping.confirmations)
                .containsExactly(new ShipmentConfirmation(
                        "FO-1",
                        "SHP-1",
                        "UPS",
                        "GROUND",
                        "1Z1",
                        Instant.parse("2026-11-27T10:15:30Z"),
                        List.of(new ShipmentConfirmation.Line("1", 2))));
    }

    @Test
    void repeatedShipmentIsNotInvoicedAgain() throws Exception {
        MockEndpoint invoice = getMockEndpoint(INVOICE);
        invoice.expectedMessageCount(1);
        String body = """
                {"fulfillmentOrderId":"FO-2","shipmentId":"SHP-2","lines":[{"lineId":"1","quantity":1}]}""";

        confirm(body);
        confirm(body);

        invoice.assertIsSatisfied();
        assertThat(shipping.confirmations).hasSize(2);
        assertThat(deadLetters.causes).isEmpty();
    }

    @Test
    void malformedConfirmationIsDeadLetteredAtOnce() throws Exception {
        String malformed = "{\"fulfillmentOrderId\":\"FO-3\",\"shipmentId\":";
        MockEndpoint dlq = getMockEndpoint(JMS_DLQ);
        dlq.expectedBodiesReceived(malformed);
        MockEndpoint invoice = getMockEndpoint(INVOICE);
        invoice.expectedMessageCount(0);

        confirm(malformed);

        MockEndpoint.assertIsSatisfied(dlq, invoice);
        assertThat(shipping.confirmations).isEmpty();
        assertThat(deadLetters.causes)
                .singleElement()
                .satisfies(cause -> assertThat(Failures.isPermanent(cause))
                        .as("malformed JSON is permanent: %s", cause)
                        .isTrue());
    }

    @Test
    void trailingTextAfterTheConfirmationIsMalformed() throws Exception {
        getMockEndpoint(JMS_DLQ).expectedMessageCount(1);

        confirm("{\"fulfillmentOrderId\":\"FO-4\",\"shipmentId\":\"SHP-4\",\"lines\":[]} and more");

        getMockEndpoint(JMS_DLQ).assertIsSatisfied();
        assertThat(deadLetters.causes).singleElement().matches(Failures::isPermanent);
    }

    @Test
    void transientFailureRollsBackUntilTheLastDelivery() throws Exception {
        String body =
                "{\"fulfillmentOrderId\":\"FO-DOWN\",\"shipmentId\":\"SHP-5\",\"lines\":[{\"lineId\":\"1\",\"quantity\":1}]}";
        MockEndpoint dlq = getMockEndpoint(JMS_DLQ);
        dlq.expectedBodiesReceived(body);
        MockEndpoint invoice = getMockEndpoint(INVOICE);
        invoice.expectedMessageCount(0);

        assertThatThrownBy(() -> template.sendBodyAndHeader(CONFIRMATIONS, body, "JMSXDeliveryCount", 1))
                .isInstanceOf(CamelExecutionException.class)
                .hasRootCauseMessage("database away");
        assertThat(deadLetters.causes).isEmpty();

        confirm(body, MAX_DELIVERY_ATTEMPTS);

        MockEndpoint.assertIsSatisfied(dlq, invoice);
        assertThat(deadLetters.causes)
                .singleElement()
                .extracting(Throwable::getMessage)
                .isEqualTo("database away");
    }

    private void confirm(String body) {
        confirm(body, 1);
    }

    private void confirm(String body, int delivery) {
        NotifyBuilder done = new NotifyBuilder(context)
                .fromRoute("lifecycle-ship")
                .whenDone(1)
                .create();
        template.sendBodyAndHeaders(CONFIRMATIONS, body, Map.of("JMSXDeliveryCount", delivery));
        assertThat(done.matches(5, TimeUnit.SECONDS)).as("confirmation handled").isTrue();
    }

    /** The ship step's contract: the order id to invoice for a new shipment, null for one seen before. */
    public static class RecordingShipping {
        final List<ShipmentConfirmation> confirmations = new CopyOnWriteArrayList<>();
        private final Set<String> shipments = ConcurrentHashMap.newKeySet();

        public String confirmMessage(ShipmentConfirmation confirmation) {
            confirmations.add(confirmation);
            if (confirmation.fulfillmentOrderId().equals("FO-DOWN")) {
                throw new IllegalStateException("database away");
            }
            return shipments.add(confirmation.shipmentId()) ? "ORD-" + confirmation.fulfillmentOrderId() : null;
        }
    }
}
