package dev.orderhub.tax;

import dev.orderhub.connector.ConnectorFiles;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the tax connector. The sandbox is the embedded default; its rate tables live in the connector file,
 * not here, so an integrator changes rates without touching Java.
 */
@Configuration(proxyBeanMethods = false)
class TaxConfiguration {

    @Bean
    TaxTables taxTables(ConnectorFiles files, @Value("${orderhub.connectors.tax:sandbox}") String name) {
        return new TaxTables(files.path("tax", name));
    }

    // Declared as the implementation so it can be injected as either type; callers should ask for TaxCalculator.
    @Bean
    SandboxTaxCalculator taxCalculator(TaxTables taxTables) {
        return new SandboxTaxCalculator(taxTables);
    }
}
