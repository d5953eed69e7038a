package dev.orderhub.fulfillment;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** The inventory connector's locations in priority order and its split limit. */
record Locations(List<Location> all, int maxSplits) {
    public Locations {
        all = all.stream().sorted(Comparator.comparingInt(Location::priority)).toList();
    }

    List<String> idsByPriority() {
        return all.stream().map(Location::id).toList();
    }

    Optional<Location> find(String id) {
        return all.stream().filter(l -> l.id().equals(id)).findFirst();
    }

    /** Whether the hub buys the labels of this location's fulfillment orders. */
    boolean hubLabels(String id) {
        return find(id).map(Location::hubLabels).orElse(false);
    }

    boolean anyHubLabels() {
        return all.stream().anyMatch(Location::hubLabels);
    }
}
