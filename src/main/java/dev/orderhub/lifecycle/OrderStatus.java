package dev.orderhub.lifecycle;

/**
 * Status of an order. APPROVED through FULFILLED form the fulfilment phase, whose status is derived
 * from the line quantities by {@link Lifecycle#fulfilmentStatus}.
 */
public enum OrderStatus {
    RECEIVED,
    ACCEPTED,
    WAITING_APPROVAL,
    APPROVED,
    PARTIALLY_ALLOCATED,
    ALLOCATED,
    PARTIALLY_FULFILLED,
    FULFILLED,
    CLOSED,
    ON_HOLD,
    CANCELLED,
    REJECTED;

    /** CLOSED, CANCELLED or REJECTED: no move changes the status any more (returns aside). */
    public boolean isFinal() {
        return this == CLOSED || this == CANCELLED || this == REJECTED;
    }

    /** APPROVED through FULFILLED: the status follows the quantities. */
    boolean isFulfilmentPhase() {
        return ordinal() >= APPROVED.ordinal() && ordinal() <= FULFILLED.ordinal();
    }

    /** RECEIVED through FULFILLED (WAITING_APPROVAL included): a process exception puts it ON_HOLD. */
    boolean isWorking() {
        return ordinal() <= FULFILLED.ordinal();
    }

    /** RECEIVED, ACCEPTED or WAITING_APPROVAL: before approval, status is set by moves, not by quantities. */
    boolean isPreFulfilment() {
        return this == RECEIVED || this == ACCEPTED || this == WAITING_APPROVAL;
    }
}
