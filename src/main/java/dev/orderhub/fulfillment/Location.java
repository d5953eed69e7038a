package dev.orderhub.fulfillment;

import java.util.Map;

/** A stocking location; lower priority ships first. */
record Location(String id, String name, String country, String region, int priority, Map<String, Integer> stock) {
    public Location {
        stock = stock == null ? Map.of() : Map.copyOf(stock);
    }
}
