package dev.orderhub.fulfillment;

import dev.orderhub.servicing.ReturnStock;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Returns' side of the stock: the locations, which one shipped a line (the first that did), and restocking. */
@Component
class ReturnRestock implements ReturnStock {
    private final Locations locations;
    private final FulfillmentOrders fulfillmentOrders;
    private final Inventory inventory;

    ReturnRestock(Locations locations, FulfillmentOrders fulfillmentOrders, Inventory inventory) {
        this.locations = locations;
        this.fulfillmentOrders = fulfillmentOrders;
        this.inventory = inventory;
    }

    @Override
    public boolean isLocation(String location) {
        return locations.find(location).isPresent();
    }

    @Override
    public Optional<String> shippedFrom(String orderId, String lineId) {
        return fulfillmentOrders.ofOrder(orderId).stream()
                .filter(fo -> fo.lines().stream().anyMatch(l -> l.lineId().equals(lineId) && l.shipped() > 0))
                .map(FulfillmentOrder::location)
                .findFirst();
    }

    @Override
    public void restock(String location, String sku, int quantity) {
        inventory.restock(location, sku, quantity);
    }
}
