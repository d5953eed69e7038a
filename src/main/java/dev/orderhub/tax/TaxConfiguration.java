package dev.orderhub.tax;

import dev.orderhub.connector.ActiveConnectors;
import dev.orderhub.connector.Connectors;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.context.annotation.Primary;

/**
 * Wires the tax connector: the calculator asks the active tax connector's routes. The sandbox type's routes call
 * {@link SandboxTaxCalculator}, made (only when they use it) from the rate tables of the active connector file, so
 * an integrator changes rates without touching Java.
 */
@Configuration(proxyBeanMethods = false)
class TaxConfiguration {

    /** Primary: the sandbox calculator is a TaxCalculator too, used only through the sandbox type's routes. */
    @Bean
    @Primary
    TaxCalculator taxCalculator(Connectors connectors) {
        return new RoutedTaxCalculator(connectors);
    }

    @Bean
    @Lazy
    SandboxTaxCalculator sandboxTaxCalculator(ActiveConnectors connectors) {
        return new SandboxTaxCalculator(new TaxTables(connectors.get("tax").file()));
    }
}
