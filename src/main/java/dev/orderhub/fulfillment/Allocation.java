package dev.orderhub.fulfillment;

import dev.orderhub.event.CloudEvent;
import dev.orderhub.event.EventType;
import dev.orderhub.event.Events;
import dev.orderhub.lifecycle.Lifecycle;
import dev.orderhub.lifecycle.LineQuantities;
import dev.orderhub.lifecycle.OrderState;
import dev.orderhub.lifecycle.OrderStatus;
import dev.orderhub.lifecycle.PipelineStep;
import dev.orderhub.order.DeliveryGroup;
import dev.orderhub.order.Order;
import dev.orderhub.order.OrderLine;
import dev.orderhub.store.Change;
import dev.orderhub.store.Orders;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.stereotype.Service;

/**
 * The allocate-and-route step: places every line's unallocated quantity per delivery group with the fewest
 * fulfillment orders, reserves the stock, creates one fulfillment order per location and group ALLOCATED with its
 * ERP message in the outbox, all in one transaction. What cannot be placed stays backordered until stock arrives.
 */
@Service
public class Allocation {
    private final Orders orders;
    private final Inventory inventory;
    private final FulfillmentOrders fulfillmentOrders;
    private final FulfillmentExport export;
    private final Events events;
    private final Locations locations;

    Allocation(
            Orders orders,
            Inventory inventory,
            FulfillmentOrders fulfillmentOrders,
            FulfillmentExport export,
            Events events,
            Locations locations) {
        this.orders = orders;
        this.inventory = inventory;
        this.fulfillmentOrders = fulfillmentOrders;
        this.export = export;
        this.events = events;
        this.locations = locations;
    }

    public void allocate(String orderId) {
        OrderStatus status = orders.status(orderId);
        // an APPROVED order has everything to allocate; others are looked at before they are locked
        if (!Lifecycle.actsOn(PipelineStep.ALLOCATE, status)
                || !Lifecycle.everythingLeftToAllocate(status) && nothingToAllocate(orders.get(orderId))) {
            return;
        }
        List<FulfillmentOrder> created = new ArrayList<>();
        List<String> backorders = new ArrayList<>();
        orders.change(orderId, "ALLOCATED", order -> {
            created.clear();
            backorders.clear();
            if (!Lifecycle.actsOn(PipelineStep.ALLOCATE, order.status()) || nothingToAllocate(order)) {
                return null;
            }
            OrderState state = order.state();
            List<CloudEvent> published = new ArrayList<>();
            List<String> notes = new ArrayList<>();
            for (DeliveryGroup group : order.deliveryGroups()) {
                List<RoutePlanner.Need> needs = order.lines().stream()
                        .filter(l -> group.id().equals(l.deliveryGroupId()))
                        .filter(l -> l.quantities().availableToAllocate() > 0)
                        .map(l -> new RoutePlanner.Need(
                                l.lineId(), l.sku(), l.quantities().availableToAllocate()))
                        .toList();
                if (needs.isEmpty()) {
                    continue;
                }
                Map<String, Map<String, Integer>> available = inventory.available(
                        needs.stream().map(RoutePlanner.Need::sku).distinct().toList());
                RoutePlanner.Plan plan =
                        RoutePlanner.plan(needs, locations.idsByPriority(), available, locations.maxSplits());
                for (Map.Entry<String, List<RoutePlanner.Assignment>> entry :
                        new TreeMap<>(plan.byLocation()).entrySet()) {
                    List<FulfillmentOrder.Line> lines = new ArrayList<>();
                    // reserved as the transaction commits (Inventory): the shared stock rows stay locked only
                    // through the commit; stock a concurrent allocation took first fails this one, run again
                    for (RoutePlanner.Assignment assignment : entry.getValue().stream()
                            .sorted(Comparator.comparing(RoutePlanner.Assignment::sku))
                            .toList()) {
                        inventory.reserveAtCommit(entry.getKey(), assignment.sku(), assignment.quantity());
                        state = Lifecycle.allocate(state, assignment.lineId(), assignment.quantity());
                        lines.add(new FulfillmentOrder.Line(
                                assignment.lineId(), assignment.sku(), assignment.quantity(), 0, 0));
                    }
                    if (!lines.isEmpty()) {
                        FulfillmentOrder fo = FulfillmentOrder.allocated(order, entry.getKey(), group, lines, null);
                        fulfillmentOrders.insert(fo);
                        // a location whose labels the hub buys has no WMS: nothing is exported (HubLabels)
                        if (!locations.hubLabels(fo.location())) {
                            export.export(fo);
                        }
                        created.add(fo);
                        published.add(events.event(
                                EventType.FULFILLMENT_ORDER_CREATED, order.id(), FulfillmentExport.message(fo, null)));
                        notes.add(fo.id() + " at " + fo.location() + " for " + group.id());
                    }
                }
                plan.backordered().forEach((lineId, qty) -> notes.add("line " + lineId + " x" + qty + " backordered"));
                plan.backordered()
                        .forEach((lineId, qty) -> backorders.add("line " + lineId + " x" + qty + " backordered"));
            }
            if (created.isEmpty()) {
                return null;
            }
            return new Change(order.withState(state), String.join("; ", notes), published);
        });
        if (created.isEmpty() && !backorders.isEmpty()) {
            // said once in the history; driving a backordered order again writes nothing until stock arrives
            orders.noteBackorder(orderId, "ALLOCATED", String.join("; ", backorders));
        }
    }

    private static boolean nothingToAllocate(Order order) {
        return order.lines().stream()
                        .map(OrderLine::quantities)
                        .mapToInt(LineQuantities::availableToAllocate)
                        .sum()
                == 0;
    }
}
