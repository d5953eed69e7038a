package dev.orderhub.fulfillment;

import dev.orderhub.order.Address;
import java.util.Map;

/**
 * A stocking location; lower priority ships first. {@code labels} says who buys its shipping labels: {@code wms}
 * (the default: the ERP/WMS ships what is exported to it and confirms) or {@code hub} (a warehouse with no WMS: the
 * hub buys the label from the carrier connector, and the bought label is the shipment). {@code address} is where a
 * hub-bought label ships from.
 */
record Location(
        String id,
        String name,
        String country,
        String region,
        int priority,
        String labels,
        Address address,
        Map<String, Integer> stock) {
    public Location {
        stock = stock == null ? Map.of() : Map.copyOf(stock);
    }

    boolean hubLabels() {
        return "hub".equals(labels);
    }
}
