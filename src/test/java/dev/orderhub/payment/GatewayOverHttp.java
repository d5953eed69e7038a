package dev.orderhub.payment;

import dev.orderhub.support.HubTestContext;
import dev.orderhub.support.Postgres;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * A hub whose payment gateway is {@link HttpTestGateway}, reached over HTTP, with {@link DatabaseFaults} on its
 * DataSource; its own database, so that no other test hub's sweeper drives its orders through another gateway.
 */
@TestConfiguration(proxyBeanMethods = false)
class GatewayOverHttp {

    @Bean(destroyMethod = "close")
    HttpTestGateway httpTestGateway() {
        return new HttpTestGateway();
    }

    @Bean
    static DatabaseFaults databaseFaults() {
        return new DatabaseFaults();
    }

    @Bean
    @Primary
    PaymentGateway httpPaymentGateway(HttpTestGateway gateway, DatabaseFaults faults) {
        return new HttpPaymentGateway(gateway.uri(), faults::answered);
    }

    /** The test hub's properties, and a new database of its own on the shared PostgreSQL. */
    static class Context extends HubTestContext {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            super.initialize(context);
            TestPropertyValues.of(
                            "spring.datasource.url=" + Postgres.newDatabase("money"),
                            "orderhub.pipeline.workers=16",
                            // the partner folders and SFTP directory belong to the shared test context
                            "orderhub.files.enabled=false",
                            "spring.datasource.hikari.maximum-pool-size=4")
                    .applyTo(context);
        }
    }
}
