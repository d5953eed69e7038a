package dev.orderhub.lifecycle;

/**
 * Quantities of one order line, after Salesforce OMS's order item summary. {@code reshipped} counts fulfilled units
 * sent again at no charge (lost or damaged on the way); it leaves the other buckets and the status as they are. The compact constructor
 * checks every invariant and throws {@link IllegalArgumentException} naming the broken rule.
 */
public record LineQuantities(
        int ordered, int canceled, int allocated, int fulfilled, int returnInitiated, int returned, int reshipped) {

    public LineQuantities {
        requireNotNegative("ordered", ordered);
        requireNotNegative("canceled", canceled);
        requireNotNegative("allocated", allocated);
        requireNotNegative("fulfilled", fulfilled);
        requireNotNegative("returnInitiated", returnInitiated);
        requireNotNegative("returned", returned);
        requireNotNegative("reshipped", reshipped);
        if (ordered == 0) {
            throw new IllegalArgumentException("ordered must be greater than 0");
        }
        // long: two large ints must not overflow into a passing sum
        if ((long) canceled + allocated > ordered) {
            throw new IllegalArgumentException("canceled + allocated must not exceed ordered (" + canceled + " + "
                    + allocated + " > " + ordered + ")");
        }
        if (fulfilled > allocated) {
            throw new IllegalArgumentException(
                    "fulfilled must not exceed allocated (" + fulfilled + " > " + allocated + ")");
        }
        if (returnInitiated > fulfilled) {
            throw new IllegalArgumentException(
                    "returnInitiated must not exceed fulfilled (" + returnInitiated + " > " + fulfilled + ")");
        }
        if (returned > returnInitiated) {
            throw new IllegalArgumentException(
                    "returned must not exceed returnInitiated (" + returned + " > " + returnInitiated + ")");
        }
        // a shipped unit is sent again at most once
        if (reshipped > fulfilled) {
            throw new IllegalArgumentException(
                    "reshipped must not exceed fulfilled (" + reshipped + " > " + fulfilled + ")");
        }
    }

    /** A fresh line: {@code ordered} units, nothing else yet. */
    public static LineQuantities of(int ordered) {
        return new LineQuantities(ordered, 0, 0, 0, 0, 0, 0);
    }

    /** Ordered minus canceled. */
    public int net() {
        return ordered - canceled;
    }

    /** Neither canceled nor allocated; also what may be canceled without deallocating first. */
    public int availableToAllocate() {
        return ordered - canceled - allocated;
    }

    /** Allocated but not yet fulfilled. */
    int availableToDeallocate() {
        return allocated - fulfilled;
    }

    /** Allocated but not yet fulfilled. */
    int availableToFulfil() {
        return allocated - fulfilled;
    }

    /** Net and not yet fulfilled: what a cancel may take once the allocated part of it is deallocated. */
    public int unfulfilled() {
        return net() - fulfilled;
    }

    /** Fulfilled and not yet in a return. */
    public int availableToReturn() {
        return fulfilled - returnInitiated;
    }

    /** Fulfilled and not yet sent again (a reship replaces lost or damaged units, each at most once). */
    public int availableToReship() {
        return fulfilled - reshipped;
    }

    // copies with one bucket changed; the compact constructor checks the result

    LineQuantities withCanceled(int value) {
        return new LineQuantities(ordered, value, allocated, fulfilled, returnInitiated, returned, reshipped);
    }

    LineQuantities withAllocated(int value) {
        return new LineQuantities(ordered, canceled, value, fulfilled, returnInitiated, returned, reshipped);
    }

    LineQuantities withFulfilled(int value) {
        return new LineQuantities(ordered, canceled, allocated, value, returnInitiated, returned, reshipped);
    }

    LineQuantities withReturnInitiated(int value) {
        return new LineQuantities(ordered, canceled, allocated, fulfilled, value, returned, reshipped);
    }

    LineQuantities withReturned(int value) {
        return new LineQuantities(ordered, canceled, allocated, fulfilled, returnInitiated, value, reshipped);
    }

    LineQuantities withReshipped(int value) {
        return new LineQuantities(ordered, canceled, allocated, fulfilled, returnInitiated, returned, value);
    }

    private static void requireNotNegative(String name, int value) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must not be negative (was " + value + ")");
        }
    }
}
