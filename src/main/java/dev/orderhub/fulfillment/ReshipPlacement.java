package dev.orderhub.fulfillment;

import dev.orderhub.event.CloudEvent;
import dev.orderhub.event.EventType;
import dev.orderhub.event.Events;
import dev.orderhub.order.DeliveryGroup;
import dev.orderhub.order.Order;
import dev.orderhub.servicing.Reship;
import dev.orderhub.servicing.ReshipStock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.stereotype.Component;

/**
 * Places a reship as allocation places an order ({@link RoutePlanner}: per delivery group the fewest fulfillment
 * orders, ties by location priority), all or nothing: a reship is never backordered. Each fulfillment order made is
 * ALLOCATED, flagged with the reship, and exported to the ERP through the outbox (none for a location whose labels
 * the hub buys), in the reship's transaction.
 */
@Component
class ReshipPlacement implements ReshipStock {
    private final Inventory inventory;
    private final Locations locations;
    private final FulfillmentOrders fulfillmentOrders;
    private final FulfillmentExport export;
    private final Events events;

    ReshipPlacement(
            Inventory inventory,
            Locations locations,
            FulfillmentOrders fulfillmentOrders,
            FulfillmentExport export,
            Events events) {
        this.inventory = inventory;
        this.locations = locations;
        this.fulfillmentOrders = fulfillmentOrders;
        this.export = export;
        this.events = events;
    }

    @Override
    public Placed place(Order order, Reship reship) {
        Map<String, List<RoutePlanner.Need>> needsByGroup = new LinkedHashMap<>();
        reship.lines()
                .forEach(l -> needsByGroup
                        .computeIfAbsent(l.deliveryGroupId(), g -> new ArrayList<>())
                        .add(new RoutePlanner.Need(l.lineId(), l.sku(), l.quantity())));
        Map<String, RoutePlanner.Plan> plans = new LinkedHashMap<>();
        List<String> shortages = new ArrayList<>();
        needsByGroup.forEach((group, needs) -> {
            RoutePlanner.Plan plan = RoutePlanner.plan(
                    needs,
                    locations.idsByPriority(),
                    inventory.available(needs.stream()
                            .map(RoutePlanner.Need::sku)
                            .distinct()
                            .toList()),
                    locations.maxSplits());
            plan.backordered().forEach((lineId, qty) -> shortages.add("line " + lineId + " x" + qty));
            plans.put(group, plan);
        });
        if (!shortages.isEmpty()) {
            return new Placed(List.of(), List.of(), shortages);
        }
        List<String> made = new ArrayList<>();
        List<CloudEvent> published = new ArrayList<>();
        for (Map.Entry<String, RoutePlanner.Plan> planned : plans.entrySet()) {
            DeliveryGroup group = order.deliveryGroups().stream()
                    .filter(g -> g.id().equals(planned.getKey()))
                    .findFirst()
                    .orElseThrow();
            for (Map.Entry<String, List<RoutePlanner.Assignment>> entry :
                    new TreeMap<>(planned.getValue().byLocation()).entrySet()) {
                List<FulfillmentOrder.Line> lines = new ArrayList<>();
                // reserved as the transaction commits, as allocation does (Inventory.reserveAtCommit)
                for (RoutePlanner.Assignment assignment : entry.getValue().stream()
                        .sorted(Comparator.comparing(RoutePlanner.Assignment::sku))
                        .toList()) {
                    inventory.reserveAtCommit(entry.getKey(), assignment.sku(), assignment.quantity());
                    lines.add(new FulfillmentOrder.Line(
                            assignment.lineId(), assignment.sku(), assignment.quantity(), 0, 0));
                }
                FulfillmentOrder fo = FulfillmentOrder.allocated(
                        order,
                        entry.getKey(),
                        group,
                        lines,
                        new FulfillmentOrder.ReshipOf(reship.number(), reship.reason()));
                fulfillmentOrders.insert(fo);
                if (!locations.hubLabels(fo.location())) {
                    export.export(fo);
                }
                made.add(fo.id());
                published.add(events.event(
                        EventType.FULFILLMENT_ORDER_CREATED, order.id(), FulfillmentExport.message(fo, null)));
            }
        }
        return new Placed(made, published, List.of());
    }
}
