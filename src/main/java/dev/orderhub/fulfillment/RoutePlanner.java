package dev.orderhub.fulfillment;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds, for one delivery group, the assignment to locations with the fewest fulfillment orders (at most
 * {@code maxSplits}), ties broken by location priority — Salesforce's "find routes with fewest splits". What no
 * allowed combination can place is backordered, placing as much as possible in priority order.
 */
final class RoutePlanner {
    private RoutePlanner() {}

    /** What one line still needs. */
    public record Need(String lineId, String sku, int quantity) {}

    /** Quantity of a line assigned to a location. */
    public record Assignment(String lineId, String sku, int quantity) {}

    /** The plan: assignments per location (in priority order) and what is left backordered per line. */
    public record Plan(Map<String, List<Assignment>> byLocation, Map<String, Integer> backordered) {}

    /**
     * @param locations ordered by priority
     * @param available available quantity per location and SKU
     */
    public static Plan plan(
            List<Need> needs, List<String> locations, Map<String, Map<String, Integer>> available, int maxSplits) {
        int splits = Math.max(1, Math.min(maxSplits, locations.size()));
        for (int size = 1; size <= splits; size++) {
            for (List<String> combination : combinations(locations, size)) {
                Plan plan = fill(needs, combination, available);
                if (plan.backordered().isEmpty()) {
                    return plan;
                }
            }
        }
        // nothing covers everything: place what the first allowed locations can, backorder the rest
        Plan best = null;
        int bestPlaced = -1;
        for (List<String> combination : combinations(locations, splits)) {
            Plan plan = fill(needs, combination, available);
            int placed = plan.byLocation().values().stream()
                    .flatMap(List::stream)
                    .mapToInt(Assignment::quantity)
                    .sum();
            if (placed > bestPlaced) {
                best = plan;
                bestPlaced = placed;
            }
        }
        return best == null ? new Plan(Map.of(), backorderAll(needs)) : best;
    }

    private static Plan fill(List<Need> needs, List<String> combination, Map<String, Map<String, Integer>> available) {
        Map<String, Map<String, Integer>> left = new HashMap<>();
        combination.forEach(l -> left.put(l, new HashMap<>(available.getOrDefault(l, Map.of()))));
        Map<String, List<Assignment>> byLocation = new LinkedHashMap<>();
        Map<String, Integer> backordered = new LinkedHashMap<>();
        for (Need need : needs) {
            int remaining = need.quantity();
            for (String location : combination) {
                Map<String, Integer> stock = left.get(location);
                int take = Math.min(remaining, stock.getOrDefault(need.sku(), 0));
                if (take > 0) {
                    stock.merge(need.sku(), -take, Integer::sum);
                    byLocation
                            .computeIfAbsent(location, l -> new ArrayList<>())
                            .add(new Assignment(need.lineId(), need.sku(), take));
                    remaining -= take;
                }
                if (remaining == 0) {
                    break;
                }
            }
            if (remaining > 0) {
                backordered.put(need.lineId(), remaining);
            }
        }
        return new Plan(byLocation, backordered);
    }

    private static Map<String, Integer> backorderAll(List<Need> needs) {
        Map<String, Integer> all = new LinkedHashMap<>();
        needs.forEach(n -> all.put(n.lineId(), n.quantity()));
        return all;
    }

    /** Combinations of {@code size} locations, in lexicographic priority order. */
    static List<List<String>> combinations(List<String> items, int size) {
        List<List<String>> result = new ArrayList<>();
        collect(items, size, 0, new ArrayList<>(), result);
        return result;
    }

    private static void collect(List<String> items, int size, int from, List<String> current, List<List<String>> out) {
        if (current.size() == size) {
            out.add(List.copyOf(current));
            return;
        }
        for (int i = from; i < items.size(); i++) {
            current.add(items.get(i));
            collect(items, size, i + 1, current, out);
            current.remove(current.size() - 1);
        }
    }
}
