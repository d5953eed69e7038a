package dev.orderhub.servicing;

import dev.orderhub.event.CloudEvent;
import dev.orderhub.order.Order;
import java.util.List;

/** The fulfilment side of reships, kept by fulfilment: places a reship's units and makes its fulfillment orders. */
public interface ReshipStock {

    /**
     * Reserves the reship's units at the locations the route planner picks and makes their fulfillment orders, each
     * exported to the ERP through the outbox, in the caller's transaction. When stock is short nothing is made, and
     * {@code shortages} says what is missing (the caller refuses the reship, so its transaction rolls back).
     */
    Placed place(Order order, Reship reship);

    /** The fulfillment orders made and their orderhub.fulfillment-order.created events, or what stock is short. */
    record Placed(List<String> fulfillmentOrderIds, List<CloudEvent> events, List<String> shortages) {}
}
