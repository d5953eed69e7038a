package dev.orderhub.pipeline;

import dev.orderhub.fulfillment.InventoryUpdates;
import dev.orderhub.store.Orders;
import java.util.LinkedHashSet;
import java.util.Set;
import org.springframework.stereotype.Service;

/** Applies an inventory update, then drives the orders that have those SKUs backordered, oldest first. */
@Service
class StockArrival {
    private final InventoryUpdates updates;
    private final Orders orders;
    private final Pipeline pipeline;

    StockArrival(InventoryUpdates updates, Orders orders, Pipeline pipeline) {
        this.updates = updates;
        this.orders = orders;
        this.pipeline = pipeline;
    }

    /** Returns the orders re-driven. */
    public Set<String> apply(String ndjson) {
        Set<String> driven = new LinkedHashSet<>();
        for (String sku : updates.apply(ndjson)) {
            driven.addAll(orders.backorderedFor(sku, 1000));
        }
        driven.forEach(pipeline::drive);
        return driven;
    }
}
