package dev.orderhub.fulfillment;

import dev.orderhub.lifecycle.IllegalMoveException;
import dev.orderhub.lifecycle.Move;
import dev.orderhub.order.Order;
import dev.orderhub.order.OrderLine;
import dev.orderhub.servicing.Deallocation;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * When a cancel deallocates quantity, takes it off fulfillment orders not yet at PICKPACK, releases the
 * reservation and appends the cancellation of those lines for the ERP to the outbox, in the cancel's transaction.
 */
@Component
class FulfillmentDeallocation implements Deallocation {
    private final FulfillmentOrders fulfillmentOrders;
    private final Inventory inventory;
    private final FulfillmentExport export;

    private final Locations locations;

    FulfillmentDeallocation(
            FulfillmentOrders fulfillmentOrders, Inventory inventory, FulfillmentExport export, Locations locations) {
        this.locations = locations;
        this.fulfillmentOrders = fulfillmentOrders;
        this.inventory = inventory;
        this.export = export;
    }

    @Override
    public Order released(Order before, Order after) {
        for (OrderLine line : after.lines()) {
            int released = before.line(line.lineId()).quantities().allocated()
                    - line.quantities().allocated();
            if (released > 0) {
                release(after.id(), line.lineId(), released);
            }
        }
        return after;
    }

    private void release(String orderId, String lineId, int quantity) {
        int left = quantity;
        for (FulfillmentOrder fo : fulfillmentOrders.ofOrder(orderId)) {
            if (left == 0) {
                break;
            }
            if (fo.status() == FulfillmentOrder.Status.PICKPACK
                    || fo.status() == FulfillmentOrder.Status.FULFILLED
                    || fo.status() == FulfillmentOrder.Status.CANCELLED) {
                continue;
            }
            List<FulfillmentOrder.Line> lines = new ArrayList<>(fo.lines());
            List<FulfillmentExport.MessageLine> canceled = new ArrayList<>();
            for (int i = 0; i < lines.size() && left > 0; i++) {
                FulfillmentOrder.Line l = lines.get(i);
                int take = l.lineId().equals(lineId) ? Math.min(left, l.open()) : 0;
                if (take > 0) {
                    lines.set(
                            i,
                            new FulfillmentOrder.Line(
                                    l.lineId(), l.sku(), l.quantity(), l.shipped(), l.canceled() + take));
                    inventory.release(fo.location(), l.sku(), take);
                    canceled.add(new FulfillmentExport.MessageLine(l.lineId(), l.sku(), take));
                    left -= take;
                }
            }
            if (!canceled.isEmpty()) {
                FulfillmentOrder updated = fo.with(fo.status(), lines, fo.shipmentIds());
                updated = updated.with(updated.statusFromLines(), lines, fo.shipmentIds());
                fulfillmentOrders.update(updated);
                if (!locations.hubLabels(fo.location())) {
                    export.cancel(updated, canceled);
                }
            }
        }
        if (left > 0) {
            throw new IllegalMoveException(
                    orderId,
                    Move.DEALLOCATE,
                    "line " + lineId + ": " + left + " allocated on fulfillment orders already at PICKPACK or shipped");
        }
    }
}
