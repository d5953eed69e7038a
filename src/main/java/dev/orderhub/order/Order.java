package dev.orderhub.order;

import dev.orderhub.lifecycle.LineQuantities;
import dev.orderhub.lifecycle.OrderState;
import dev.orderhub.lifecycle.OrderStatus;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The canonical order (an order summary, after Salesforce Order Management). A channel submits the order fields;
 * the hub adds id, status, quantities, totals, payment summary, version and timestamps.
 */
public record Order(
        String id,
        String channel,
        String externalOrderId,
        Instant orderedAt,
        String currency,
        Account account,
        Buyer buyer,
        String poNumber,
        Payment payment,
        Address billTo,
        List<DeliveryGroup> deliveryGroups,
        List<OrderLine> lines,
        List<Charge> charges,
        TaxMode taxMode,
        Totals totals,
        OrderStatus status,
        OrderStatus heldFrom,
        int activeProcessExceptions,
        long version,
        Instant createdAt,
        Instant updatedAt,
        Source source) {

    public Order {
        deliveryGroups = deliveryGroups == null ? List.of() : List.copyOf(deliveryGroups);
        lines = lines == null ? List.of() : List.copyOf(lines);
        charges = charges == null ? List.of() : List.copyOf(charges);
        taxMode = taxMode == null ? TaxMode.NET : taxMode;
    }

    /** The lifecycle view of this order: status, hold and line quantities. */
    public OrderState state() {
        Map<String, LineQuantities> quantities = new LinkedHashMap<>();
        lines.forEach(line -> quantities.put(line.lineId(), line.quantities()));
        return new OrderState(id, status, heldFrom, activeProcessExceptions, quantities);
    }

    /**
     * This order without what changes as it moves (status, hold, active exceptions, payment summary, line
     * quantities, version, update time): two versions with the same remainder have the same stored document.
     */
    public Order withoutState() {
        return new Order(
                id,
                channel,
                externalOrderId,
                orderedAt,
                currency,
                account,
                buyer,
                poNumber,
                null,
                billTo,
                deliveryGroups,
                lines.stream().map(OrderLine::withoutQuantities).toList(),
                charges,
                taxMode,
                totals,
                null,
                null,
                0,
                0,
                createdAt,
                null,
                source);
    }

    /** This order with the status, hold and quantities of a lifecycle state. */
    public Order withState(OrderState state) {
        List<OrderLine> updated = lines.stream()
                .map(l -> l.withQuantities(state.lines().get(l.lineId())))
                .toList();
        return new Order(
                id,
                channel,
                externalOrderId,
                orderedAt,
                currency,
                account,
                buyer,
                poNumber,
                payment,
                billTo,
                deliveryGroups,
                updated,
                charges,
                taxMode,
                totals,
                state.status(),
                state.heldFrom(),
                state.activeExceptions(),
                version,
                createdAt,
                updatedAt,
                source);
    }

    /** After a cancel: lines' adjustments and tax follow their new net quantity, totals and balance are repriced. */
    public Order repricedAfter(Order before) {
        List<OrderLine> scaled = lines.stream()
                .map(l -> l.scaledTo(
                        before.line(l.lineId()).quantities().net(),
                        l.quantities().net(),
                        currency))
                .toList();
        // a delivery group with nothing left to ship owes no charge: it is given back
        List<Charge> kept = charges.stream()
                .map(c -> nothingLeftIn(groupOf(c)) ? c.givenBack(currency) : c)
                .toList();
        Order repriced = withPricing(scaled, kept, null);
        Totals newTotals = Pricing.totals(repriced);
        Payment newPayment = payment.balance() == null
                ? payment
                : payment.withAmounts(
                        payment.authorized(),
                        payment.captured(),
                        payment.refunded(),
                        newTotals.grandTotal().subtract(payment.captured()));
        return repriced.withPricing(scaled, kept, newTotals).withPayment(newPayment);
    }

    /** The delivery group a charge belongs to: its own, or the order's first (as its invoice counts it). */
    public String groupOf(Charge charge) {
        return charge.deliveryGroupId() != null
                ? charge.deliveryGroupId()
                : deliveryGroups.get(0).id();
    }

    /** Whether every unit of a delivery group's lines is canceled. */
    private boolean nothingLeftIn(String deliveryGroupId) {
        return lines.stream()
                .filter(l -> deliveryGroupId.equals(l.deliveryGroupId()))
                .allMatch(l -> l.quantities().net() == 0);
    }

    public Order withPricing(List<OrderLine> pricedLines, List<Charge> pricedCharges, Totals newTotals) {
        return new Order(
                id,
                channel,
                externalOrderId,
                orderedAt,
                currency,
                account,
                buyer,
                poNumber,
                payment,
                billTo,
                deliveryGroups,
                pricedLines,
                pricedCharges,
                taxMode,
                newTotals,
                status,
                heldFrom,
                activeProcessExceptions,
                version,
                createdAt,
                updatedAt,
                source);
    }

    public Order withPayment(Payment newPayment) {
        return new Order(
                id,
                channel,
                externalOrderId,
                orderedAt,
                currency,
                account,
                buyer,
                poNumber,
                newPayment,
                billTo,
                deliveryGroups,
                lines,
                charges,
                taxMode,
                totals,
                status,
                heldFrom,
                activeProcessExceptions,
                version,
                createdAt,
                updatedAt,
                source);
    }

    /** The stored identity and bookkeeping fields, set by the store. */
    public Order withStored(String newId, long newVersion, Instant created, Instant updated) {
        return new Order(
                newId,
                channel,
                externalOrderId,
                orderedAt,
                currency,
                account,
                buyer,
                poNumber,
                payment,
                billTo,
                deliveryGroups,
                lines,
                charges,
                taxMode,
                totals,
                status,
                heldFrom,
                activeProcessExceptions,
                newVersion,
                created,
                updated,
                source);
    }

    public Order withIntake(Instant ordered, List<OrderLine> intakeLines, Source from) {
        return new Order(
                id,
                channel,
                externalOrderId,
                ordered,
                currency,
                account,
                buyer,
                poNumber,
                payment,
                billTo,
                deliveryGroups,
                intakeLines,
                charges,
                taxMode,
                totals,
                status,
                heldFrom,
                activeProcessExceptions,
                version,
                createdAt,
                updatedAt,
                from);
    }

    public DeliveryGroup deliveryGroup(String groupId) {
        return deliveryGroups.stream()
                .filter(g -> g.id().equals(groupId))
                .findFirst()
                .orElse(null);
    }

    public OrderLine line(String lineId) {
        return lines.stream().filter(l -> l.lineId().equals(lineId)).findFirst().orElse(null);
    }
}
