package dev.orderhub.tax;

import dev.orderhub.connector.Connectors;
import dev.orderhub.order.Order;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The tax calculator of the active tax connector: one quote request per order to {@code direct:connector-tax-quote}
 * (README, "Connectors", for the bodies), under the connector's policy. A quote records nothing at the tax service,
 * so asking it again is harmless. An order whose every line and charge carries the channel's tax lines is not
 * quoted at all.
 */
class RoutedTaxCalculator implements TaxCalculator {
    private final Connectors connectors;

    RoutedTaxCalculator(Connectors connectors) {
        this.connectors = connectors;
    }

    @Override
    public Order applyTax(Order order) {
        ObjectNode request = TaxBodies.quote(order);
        if (request.path("lines").isEmpty() && request.path("charges").isEmpty()) {
            return TaxBodies.apply(order, JsonNodeFactory.instance.objectNode());
        }
        return TaxBodies.apply(order, connectors.ask("tax", "quote", request));
    }

    @Override
    public boolean inProcess() {
        return connectors.policy("tax").inProcess();
    }
}
