package dev.orderhub.bench;

import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * One run of orders of one size through one channel: when each was sent, when the order events said it reached
 * ACCEPTED, ALLOCATED and CLOSED, and the figures that follow (orders per second to each, latency percentiles).
 * Updated by the sending threads and the event listener; read by the benchmark.
 */
final class Phase {
    static final String[] STAGES = {"accepted", "allocated", "closed"};
    private static final int MAX_SECONDS = 4 * 3600;

    final String channel;
    final int lines;
    /** Orders of the phase: as planned, or as many as were sent when a paced phase skipped some. */
    volatile int orders;
    /** Offered orders per second; 0 sends as fast as the channel takes them. */
    final double rate;
    /** A paced phase skips an order when more orders than this wait for ALLOCATED (0: never). */
    volatile int maxBacklog;

    final String label;
    final boolean warmup;
    /** Measured around the phase (CPU, database counters, waits) by the benchmark. */
    final Map<String, Object> measured = new LinkedHashMap<>();

    private final long origin;
    private final Histogram[] latency = new Histogram[STAGES.length];
    private final int[] reached = new int[STAGES.length];
    private final long[] last = new long[STAGES.length];
    private final int[][] perSecond = new int[STAGES.length][];
    private final Histogram ingest = histogram();
    private final Map<String, Integer> stuck = new TreeMap<>();
    private final Map<String, Long> sentAt = new HashMap<>();
    private Map<String, Object> committed;
    /** The first order's latency origin (its scheduled send time in a paced phase): where the rates count from. */
    private long firstFrom = Long.MAX_VALUE;

    private long firstSent = Long.MAX_VALUE;
    private long lastSent;
    private int sent;
    private int skipped;
    private double sendingSeconds;
    long startNanos;
    long endNanos;

    Phase(String channel, int lines, int orders, double rate, boolean warmup, long origin) {
        this.channel = channel;
        this.lines = lines;
        this.orders = orders;
        this.rate = rate;
        this.warmup = warmup;
        this.origin = origin;
        this.label = (warmup ? "warmup-" : "") + channel + "-" + lines + (rate > 0 ? "@" + (int) rate : "");
        for (int s = 0; s < STAGES.length; s++) {
            latency[s] = histogram();
            perSecond[s] = new int[MAX_SECONDS];
        }
    }

    private static Histogram histogram() {
        return new Histogram(TimeUnit.HOURS.toMicros(2), 3);
    }

    /** External order id of the i-th order: unique in the run, so the same id never meets idempotency. */
    String externalId(String runId, int i) {
        return runId + "-" + label + "-" + String.format("%06d", i);
    }

    /** An order leaves at {@code sentNanos}; its latencies count from {@code fromNanos} (scheduled or sent). */
    synchronized void sent(String externalOrderId, long fromNanos, long sentNanos) {
        sentAt.put(externalOrderId, fromNanos);
        sent++;
        firstFrom = Math.min(firstFrom, fromNanos);
        firstSent = Math.min(firstSent, sentNanos);
        lastSent = Math.max(lastSent, sentNanos);
    }

    /** Orders sent that have neither reached ALLOCATED nor stopped: the hub's backlog in a paced phase. */
    synchronized int backlog() {
        return sent
                - reached[1]
                - stuck.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** A paced order not sent because the hub was too far behind: the hub did not hold the rate. */
    synchronized void skipped() {
        skipped++;
    }

    /** A paced phase's schedule ended ({@code start}: its start): its orders are those it sent. */
    synchronized void sendingEnded(long start, long nanos) {
        sendingSeconds = round((nanos - start) / 1e9);
        orders = sent;
    }

    /**
     * Whether the hub held the asked rate: every order sent on schedule (none skipped, so the hub was never more
     * than the allowed backlog behind) and every one ALLOCATED.
     */
    synchronized boolean held() {
        return skipped == 0 && reached[1] == orders;
    }

    /** A synchronous channel's answer time (REST: POST to 202). */
    synchronized void answered(long micros) {
        ingest.recordValue(Math.max(0, micros));
    }

    synchronized void reached(int stage, long sentNanos, long nanos) {
        reached[stage]++;
        last[stage] = Math.max(last[stage], nanos);
        latency[stage].recordValue(Math.max(0, (nanos - sentNanos) / 1000));
        int second = (int) ((nanos - origin) / 1_000_000_000L);
        if (second >= 0 && second < MAX_SECONDS) {
            perSecond[stage][second]++;
        }
    }

    /** An order that stopped short of CLOSED (ON_HOLD, WAITING_APPROVAL, REJECTED, CANCELLED), or left that state. */
    synchronized void stuck(String status, int delta) {
        stuck.merge(status, delta, Integer::sum);
        stuck.values().removeIf(n -> n == 0);
    }

    synchronized int settled() {
        return reached[2] + stuck.values().stream().mapToInt(Integer::intValue).sum();
    }

    synchronized int progress() {
        return reached[0] + reached[1] + reached[2] + settled();
    }

    synchronized boolean complete() {
        return sent == orders && settled() >= orders;
    }

    /**
     * The same stages as the database saw them (order_history commit times, epoch nanos): the pipeline's own speed,
     * without the outbox relay's delay in publishing the events.
     */
    synchronized void committed(Map<String, Map<String, Long>> reachedAt, long epochOffsetNanos) {
        committed = new LinkedHashMap<>();
        Map<String, Object> latencies = new LinkedHashMap<>();
        reachedAt.forEach((stage, byOrder) -> {
            Histogram h = histogram();
            long lastAt = 0;
            for (Map.Entry<String, Long> e : byOrder.entrySet()) {
                Long sentNanos = sentAt.get(e.getKey());
                if (sentNanos != null) {
                    long at = e.getValue() - epochOffsetNanos;
                    h.recordValue(Math.max(0, (at - sentNanos) / 1000));
                    lastAt = Math.max(lastAt, at);
                }
            }
            double seconds = (lastAt - firstFrom) / 1e9;
            committed.put(
                    stage + "PerSecond",
                    h.getTotalCount() == 0 || seconds <= 0 ? 0 : round(h.getTotalCount() / seconds));
            latencies.put(stage, percentiles(h));
        });
        committed.put("latencyMs", latencies);
    }

    synchronized int[] perSecond(int stage) {
        return perSecond[stage].clone();
    }

    synchronized double perSecond(String stage) {
        int s = Arrays.asList(STAGES).indexOf(stage);
        double seconds = (last[s] - firstFrom) / 1e9;
        return reached[s] == 0 || seconds <= 0 ? 0 : reached[s] / seconds;
    }

    synchronized Map<String, Object> percentiles(String stage) {
        return percentiles(latency[Arrays.asList(STAGES).indexOf(stage)]);
    }

    private static Map<String, Object> percentiles(Histogram h) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("p50", ms(h.getValueAtPercentile(50)));
        p.put("p95", ms(h.getValueAtPercentile(95)));
        p.put("p99", ms(h.getValueAtPercentile(99)));
        p.put("max", ms(h.getMaxValue()));
        return p;
    }

    private static double ms(long micros) {
        return Math.round(micros / 100.0) / 10.0;
    }

    static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }

    /** The figures of result.json for this phase. */
    synchronized Map<String, Object> figures() {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("orders", orders);
        f.put("lines", lines);
        if (rate > 0) {
            f.put("offeredPerSecond", rate);
            f.put("held", held());
            f.put("sendingSeconds", sendingSeconds);
            f.put("skipped", skipped);
        }
        f.put("sentPerSecond", round(sent <= 1 ? 0 : (sent - 1) / Math.max(1e-9, (lastSent - firstSent) / 1e9)));
        for (String stage : STAGES) {
            f.put(stage + "PerSecond", round(perSecond(stage)));
        }
        Map<String, Object> latencies = new LinkedHashMap<>();
        for (int s = 0; s < STAGES.length; s++) {
            latencies.put(STAGES[s], percentiles(latency[s]));
        }
        f.put("latencyMs", latencies);
        Map<String, Object> counts = new LinkedHashMap<>();
        for (int s = 0; s < STAGES.length; s++) {
            counts.put(STAGES[s], reached[s]);
        }
        counts.put("stuck", new TreeMap<>(stuck));
        f.put("reached", counts);
        if (ingest.getTotalCount() > 0) {
            f.put("answerMs", percentiles(ingest));
        }
        if (committed != null) {
            f.put("committed", committed);
        }
        f.put("seconds", round((endNanos - startNanos) / 1e9));
        f.putAll(measured);
        return f;
    }
}
