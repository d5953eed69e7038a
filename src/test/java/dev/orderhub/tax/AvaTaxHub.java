package dev.orderhub.tax;

import dev.orderhub.support.HubTestContext;
import dev.orderhub.support.Postgres;
import java.nio.file.Path;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * A hub whose active tax connector is the shipped {@code connectors/tax/avatax.yaml} against {@link FakeAvaTax}: the
 * AVATAX_* variables as test properties, the base URL on the test WireMock server, its own database. In its copy
 * of the connector file only the timings are test-sized: a 1 s timeout, short backoff, and a circuit of four calls
 * that opens at 75 % failures for 3 s.
 */
final class AvaTaxHub {
    private AvaTaxHub() {}

    static class Context extends HubTestContext {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            super.initialize(context);
            Path file = Path.of(
                    context.getEnvironment().getRequiredProperty("orderhub.connectors.dir"), "tax", "avatax.yaml");
            YAMLMapper yaml = YAMLMapper.builder().build();
            ObjectNode connector = (ObjectNode) yaml.readTree(file.toFile());
            connector.put("timeoutMs", 1000);
            connector
                    .putObject("retry")
                    .put("attempts", 3)
                    .put("firstDelayMs", 50)
                    .put("maxDelayMs", 200)
                    .put("maxRetryAfterMs", 5000);
            connector
                    .putObject("circuitBreaker")
                    .put("enabled", true)
                    .put("failureRateThreshold", 75)
                    .put("slidingWindowSize", 4)
                    .put("minimumCalls", 4)
                    .put("openMs", 8000)
                    .put("halfOpenCalls", 1);
            yaml.writeValue(file.toFile(), connector);
            TestPropertyValues.of(
                            "spring.datasource.url=" + Postgres.newDatabase("avatax"),
                            // the partner folders and SFTP directory belong to the shared test context
                            "orderhub.files.enabled=false",
                            "orderhub.connectors.tax=avatax",
                            "AVATAX_ACCOUNT_ID=" + FakeAvaTax.ACCOUNT_ID,
                            "AVATAX_LICENSE_KEY=" + FakeAvaTax.LICENSE_KEY,
                            "AVATAX_COMPANY_CODE=" + FakeAvaTax.COMPANY_CODE,
                            "AVATAX_BASE_URL=" + FakeAvaTax.server().baseUrl())
                    .applyTo(context);
        }
    }
}
