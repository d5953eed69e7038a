package dev.orderhub.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How the benchmark's orders are split: a warm-up phase per channel (10-line orders), then one phase per size
 * (10 first, then the others of bench.mix) and channel (weights of bench.channels); the paced JMS phase that follows
 * has its own count (rate × seconds), not a share of these. The planned counts are cut, all alike, when the phases left would not end within the time budget at the speeds seen
 * so far, so that a default run ends in time on a slow or busy machine; result.json says what was sent.
 */
final class Plan {
    /** One planned phase. */
    record Spec(String channel, int lines, int orders) {}

    final List<Phase> warmups = new ArrayList<>();
    final List<Spec> phases = new ArrayList<>();
    final Map<String, Integer> counts = new LinkedHashMap<>();
    /** Seconds per 10-line order per channel, and the cost of a size relative to 10 lines: learnt as phases run. */
    private final Map<String, Double> secondsPer10 = new LinkedHashMap<>();

    private final Map<Integer, Double> sizeCost = new LinkedHashMap<>();

    Plan(int total, String mix, String channels, double warmupShare, long origin) {
        Map<String, Integer> sizes = weights(mix);
        Map<String, Integer> channelWeights = weights(channels);
        int warmupEach = Math.max(100, (int) Math.round(total * warmupShare / channelWeights.size()));
        int main = total - warmupEach * channelWeights.size();
        int channelSum =
                channelWeights.values().stream().mapToInt(Integer::intValue).sum();
        int sizeSum = sizes.values().stream().mapToInt(Integer::intValue).sum();
        channelWeights.keySet().forEach(c -> warmups.add(new Phase(c, 10, warmupEach, 0, true, origin)));
        List<Integer> order = new ArrayList<>(List.of(10));
        sizes.keySet().stream().map(Integer::parseInt).filter(s -> s != 10).forEach(order::add);
        for (int size : order) {
            channelWeights.forEach((channel, w) -> {
                int n = (int) Math.round(
                        (double) main * w / channelSum * sizes.getOrDefault(String.valueOf(size), 0) / sizeSum);
                if (n > 0) {
                    phases.add(new Spec(channel, size, n));
                }
            });
        }
        warmups.forEach(p -> counts.put(p.label, p.orders));
        phases.forEach(p -> counts.put(p.channel() + "-" + p.lines(), p.orders()));
    }

    private static Map<String, Integer> weights(String spec) {
        Map<String, Integer> weights = new LinkedHashMap<>();
        for (String part : spec.split(",")) {
            String[] kv = part.trim().split(":");
            weights.put(kv[0].trim(), kv.length > 1 ? Integer.parseInt(kv[1].trim()) : 1);
        }
        return weights;
    }

    /** Remembers how long an order of this channel and size took (wall time of the phase per order). */
    void learn(Phase phase) {
        double perOrder = (phase.endNanos - phase.startNanos) / 1e9 / phase.orders;
        if (phase.lines == 10) {
            secondsPer10.put(phase.channel, perOrder);
        } else if (!phase.warmup && secondsPer10.containsKey(phase.channel)) {
            sizeCost.putIfAbsent(phase.lines, perOrder / secondsPer10.get(phase.channel));
        }
    }

    /**
     * The orders of planned phase {@code index}: as planned, or fewer when the phases from it on would not end in
     * {@code secondsLeft} at the speeds seen so far (all scaled alike, never below 20 orders).
     */
    int orders(int index, double secondsLeft) {
        double needed = 0;
        for (Spec spec : phases.subList(index, phases.size())) {
            double per10 = secondsPer10.getOrDefault(
                    spec.channel(),
                    secondsPer10.values().stream()
                            .mapToDouble(Double::doubleValue)
                            .max()
                            .orElse(0.1));
            needed += spec.orders() * per10 * sizeCost.getOrDefault(spec.lines(), 0.5 + 0.05 * spec.lines());
        }
        int orders = phases.get(index).orders();
        double left = Math.max(1, secondsLeft);
        return needed <= left ? orders : Math.max(Math.min(orders, 20), (int) Math.round(orders * left / needed));
    }
}
