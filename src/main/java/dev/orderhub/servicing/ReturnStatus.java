package dev.orderhub.servicing;

import java.util.EnumSet;
import java.util.Set;

/**
 * A return order's status: REQUESTED → AUTHORIZED → PARTIALLY_RECEIVED / RECEIVED → CLOSED, or REJECTED (from
 * REQUESTED) or CANCELLED (before anything is received).
 */
public enum ReturnStatus {
    REQUESTED,
    AUTHORIZED,
    PARTIALLY_RECEIVED,
    RECEIVED,
    CLOSED,
    REJECTED,
    CANCELLED;

    private static final Set<ReturnStatus> RECEIVING = EnumSet.of(AUTHORIZED, PARTIALLY_RECEIVED);
    private static final Set<ReturnStatus> CANCELABLE = EnumSet.of(REQUESTED, AUTHORIZED);

    /** Whether a receipt may be recorded. */
    boolean receiving() {
        return RECEIVING.contains(this);
    }

    /** Whether the return may be cancelled: nothing received yet. */
    boolean cancelable() {
        return CANCELABLE.contains(this);
    }
}
