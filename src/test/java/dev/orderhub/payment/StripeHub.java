package dev.orderhub.payment;

import dev.orderhub.connector.Connectors;
import dev.orderhub.order.Order;
import dev.orderhub.support.HubTestContext;
import dev.orderhub.support.Postgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * A hub whose payment connector is the shipped Stripe connector file, pointed at {@link StripeMock} by
 * {@code STRIPE_API_BASE}, with short timeouts, backoff and circuit for the test, and {@link DatabaseFaults} told
 * after each answer of the connector; its own database.
 */
@TestConfiguration(proxyBeanMethods = false)
class StripeHub {
    /** The test's connector settings, in place of the shipped file's (whose title, kind and type it keeps). */
    static final String SETTINGS = """
            timeoutMs: 1000
            retry:
              attempts: 3
              firstDelayMs: 50
              multiplier: 2.0
              jitter: 0.5
              maxDelayMs: 400
              maxRetryAfterMs: 5000
            circuitBreaker:
              failureRateThreshold: 100
              slidingWindowSize: 4
              minimumCalls: 4
              openMs: 5000
              halfOpenCalls: 1
            """;

    @Bean
    static DatabaseFaults databaseFaults() {
        return new DatabaseFaults();
    }

    /** The Stripe connector's gateway, telling {@link DatabaseFaults} after each answer (a crash right then). */
    @Bean
    @Primary
    PaymentGateway answeringGateway(Connectors connectors, DatabaseFaults faults) {
        PaymentGateway routed = new RoutedPaymentGateway(connectors);
        return new PaymentGateway() {
            @Override
            public String authorize(String idempotencyKey, Order order, BigDecimal amount) {
                return told(order, idempotencyKey, routed.authorize(idempotencyKey, order, amount));
            }

            @Override
            public String capture(String idempotencyKey, Order order, String invoiceNumber, BigDecimal amount) {
                return told(order, idempotencyKey, routed.capture(idempotencyKey, order, invoiceNumber, amount));
            }

            @Override
            public String voidAuthorization(String idempotencyKey, Order order, BigDecimal amount) {
                return told(order, idempotencyKey, routed.voidAuthorization(idempotencyKey, order, amount));
            }

            @Override
            public String refund(String idempotencyKey, Order order, String capture, BigDecimal amount) {
                return told(order, idempotencyKey, routed.refund(idempotencyKey, order, capture, amount));
            }

            private String told(Order order, String idempotencyKey, String reference) {
                faults.answered(order.id(), idempotencyKey);
                return reference;
            }
        };
    }

    static class Context extends HubTestContext {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            super.initialize(context);
            Path file = Path.of(context.getEnvironment().getRequiredProperty("orderhub.connectors.dir"))
                    .resolve("payment")
                    .resolve("stripe.yaml");
            try {
                String shipped = Files.readString(file);
                Files.writeString(file, shipped.substring(0, shipped.indexOf("# each request's")) + SETTINGS);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            TestPropertyValues.of(
                            "orderhub.connectors.payment=stripe",
                            // held orders are retried by themselves, soon, as the circuit test waits for
                            "orderhub.exceptions.auto-retry.period-ms=200",
                            "orderhub.exceptions.auto-retry.first-delay-ms=300",
                            "orderhub.exceptions.auto-retry.max-delay-ms=1000",
                            "STRIPE_API_KEY=" + StripeMock.API_KEY,
                            "STRIPE_API_BASE=" + StripeMock.baseUrl(),
                            "spring.datasource.url=" + Postgres.newDatabase("stripe"),
                            // the partner folders and SFTP directory belong to the shared test context
                            "orderhub.files.enabled=false")
                    .applyTo(context);
        }
    }
}
