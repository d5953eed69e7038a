package dev.orderhub.fulfillment;

import java.util.Comparator;
import java.util.List;

/** The inventory connector's locations in priority order and its split limit. */
record Locations(List<Location> all, int maxSplits) {
    public Locations {
        all = all.stream().sorted(Comparator.comparingInt(Location::priority)).toList();
    }

    List<String> idsByPriority() {
        return all.stream().map(Location::id).toList();
    }
}
