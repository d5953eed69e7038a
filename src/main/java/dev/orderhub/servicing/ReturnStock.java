package dev.orderhub.servicing;

import java.util.Optional;

/** The stock side of returns, kept by fulfilment: where a line shipped from, and restocking returned units. */
public interface ReturnStock {
    /** Whether the location is one the hub stocks. */
    boolean isLocation(String location);

    /** The location that shipped the line, if any shipped it. */
    Optional<String> shippedFrom(String orderId, String lineId);

    /** Puts returned units back on hand at the location. */
    void restock(String location, String sku, int quantity);
}
