package dev.orderhub.lifecycle;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Immutable lifecycle state of one order. {@code lines} keep insertion order. {@code heldFrom} is the
 * working status an ON_HOLD order left, null otherwise; {@code activeExceptions} counts its unresolved
 * process exceptions. Only {@link Lifecycle} moves it on.
 */
public record OrderState(
        String orderId,
        OrderStatus status,
        OrderStatus heldFrom,
        int activeExceptions,
        Map<String, LineQuantities> lines) {

    public OrderState {
        if (orderId == null || orderId.isBlank()) {
            throw new IllegalArgumentException("orderId is required");
        }
        Objects.requireNonNull(status, "status");
        if (activeExceptions < 0) {
            throw new IllegalArgumentException("activeExceptions must not be negative (was " + activeExceptions + ")");
        }
        if (status == OrderStatus.ON_HOLD) {
            if (heldFrom == null || !heldFrom.isWorking()) {
                throw new IllegalArgumentException(
                        "an ON_HOLD order needs heldFrom, a working status (was " + heldFrom + ")");
            }
            if (activeExceptions == 0) {
                throw new IllegalArgumentException("an ON_HOLD order has at least one active exception");
            }
        } else if (heldFrom != null) {
            throw new IllegalArgumentException("heldFrom is set only while ON_HOLD (status " + status + ")");
        }
        // an active exception on a working order holds it, so a working order has none
        if (status.isWorking() && activeExceptions != 0) {
            throw new IllegalArgumentException("a " + status + " order has no active exceptions (was "
                    + activeExceptions + "); it would be ON_HOLD");
        }
        Objects.requireNonNull(lines, "lines");
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("an order has at least one line");
        }
        long totalOrdered = 0;
        for (Map.Entry<String, LineQuantities> e : lines.entrySet()) {
            if (e.getKey() == null || e.getKey().isBlank()) {
                throw new IllegalArgumentException("a lineId is required");
            }
            if (e.getValue() == null) {
                throw new IllegalArgumentException("line " + e.getKey() + ": quantities are required");
            }
            totalOrdered += e.getValue().ordered();
        }
        // totals are ints; an order too large for them is refused at the door
        if (totalOrdered > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("total ordered quantity " + totalOrdered + " is too large");
        }
        lines = Collections.unmodifiableMap(new LinkedHashMap<>(lines));
    }

    /** A freshly stored order: status RECEIVED, one line per entry with only {@code ordered} set. */
    public static OrderState received(String orderId, Map<String, Integer> orderedByLineId) {
        Objects.requireNonNull(orderedByLineId, "orderedByLineId");
        Map<String, LineQuantities> lines = new LinkedHashMap<>();
        orderedByLineId.forEach((lineId, ordered) -> {
            if (ordered == null) {
                throw new IllegalArgumentException("line " + lineId + ": ordered quantity is required");
            }
            try {
                lines.put(lineId, LineQuantities.of(ordered));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("line " + lineId + ": " + e.getMessage(), e);
            }
        });
        return new OrderState(orderId, OrderStatus.RECEIVED, null, 0, lines);
    }

    /** Ordered minus canceled, over all lines. */
    int netQuantity() {
        return lines.values().stream().mapToInt(LineQuantities::net).sum();
    }

    /** Allocated over all lines (fulfilled quantity included, as it stays allocated). */
    int allocatedQuantity() {
        return lines.values().stream().mapToInt(LineQuantities::allocated).sum();
    }

    /** Fulfilled over all lines. */
    int fulfilledQuantity() {
        return lines.values().stream().mapToInt(LineQuantities::fulfilled).sum();
    }
}
