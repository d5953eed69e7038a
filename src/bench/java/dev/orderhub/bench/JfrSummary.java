package dev.orderhub.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Reads a Flight Recorder file of the run and says where the time went: the hottest methods (where the CPU was),
 * the hub's methods counted inclusively (a method and everything it called), the busiest threads, the allocation
 * sites, and the monitors threads waited on.
 */
final class JfrSummary {
    private final Map<String, Double> leaf = new HashMap<>();
    private final Map<String, Double> leafPackage = new HashMap<>();
    private final Map<String, Double> hubInclusive = new HashMap<>();
    private final Map<String, Double> threads = new HashMap<>();
    private final Map<String, Double> allocationClass = new HashMap<>();
    private final Map<String, Double> allocationSite = new HashMap<>();
    private final Map<String, Double> monitors = new HashMap<>();
    private long samples;
    private double allocated;
    private double blocked;

    static String summarize(Path recording) throws IOException {
        JfrSummary s = new JfrSummary();
        try (RecordingFile file = new RecordingFile(recording)) {
            while (file.hasMoreEvents()) {
                s.add(file.readEvent());
            }
        }
        return s.text();
    }

    private void add(RecordedEvent e) {
        String type = e.getEventType().getName();
        List<RecordedFrame> frames =
                e.getStackTrace() == null ? List.of() : e.getStackTrace().getFrames();
        switch (type) {
            case "jdk.ExecutionSample" -> {
                if (frames.isEmpty()) {
                    return;
                }
                samples++;
                String top = method(frames.get(0));
                leaf.merge(top, 1.0, Double::sum);
                leafPackage.merge(packageOf(frames.get(0)), 1.0, Double::sum);
                Set<String> seen = new HashSet<>();
                for (RecordedFrame f : frames) {
                    String m = method(f);
                    if (m.startsWith("dev.orderhub.") && !m.startsWith("dev.orderhub.bench.") && seen.add(m)) {
                        hubInclusive.merge(m, 1.0, Double::sum);
                    }
                }
                threads.merge(
                        e.getThread("sampledThread") == null
                                ? "?"
                                : e.getThread("sampledThread").getJavaName().replaceAll("\\d+", "#"),
                        1.0,
                        Double::sum);
            }
            case "jdk.ObjectAllocationSample" -> {
                double weight = e.getLong("weight");
                allocated += weight;
                allocationClass.merge(e.getClass("objectClass").getName(), weight, Double::sum);
                allocationSite.merge(
                        firstHubFrame(frames) + " -> " + (frames.isEmpty() ? "?" : method(frames.get(0))),
                        weight,
                        Double::sum);
            }
            case "jdk.JavaMonitorEnter" -> {
                double ms = e.getDuration().toNanos() / 1e6;
                blocked += ms;
                monitors.merge(
                        e.getClass("monitorClass").getName() + " at " + firstHubFrame(frames) + " / "
                                + (frames.isEmpty() ? "?" : method(frames.get(0))),
                        ms,
                        Double::sum);
            }
            default -> {}
        }
    }

    private static String method(RecordedFrame f) {
        return f.getMethod().getType().getName() + "." + f.getMethod().getName();
    }

    private static String packageOf(RecordedFrame f) {
        String[] parts = f.getMethod().getType().getName().split("\\.");
        return String.join(".", List.of(parts).subList(0, Math.min(3, parts.length - 1)));
    }

    private static String firstHubFrame(List<RecordedFrame> frames) {
        for (RecordedFrame f : frames) {
            String m = method(f);
            if (m.startsWith("dev.orderhub.") && !m.startsWith("dev.orderhub.bench.")) {
                return m;
            }
        }
        return "(no hub frame)";
    }

    private String text() {
        StringBuilder t = new StringBuilder();
        t.append(String.format(Locale.ROOT, "%d CPU samples%n", samples));
        section(t, "hottest methods (self, % of CPU samples)", leaf, samples, 25, "%");
        section(t, "where the CPU was, by package of the running method (%)", leafPackage, samples, 15, "%");
        section(
                t,
                "hub methods, inclusive (% of CPU samples in which they are on the stack)",
                hubInclusive,
                samples,
                30,
                "%");
        section(t, "threads (% of CPU samples)", threads, samples, 15, "%");
        section(
                t,
                String.format(Locale.ROOT, "allocation by class (%% of %.0f MB sampled)", allocated / 1e6),
                allocationClass,
                allocated,
                15,
                "%");
        section(t, "allocation by site (first hub frame -> allocating method, %)", allocationSite, allocated, 20, "%");
        section(
                t,
                String.format(Locale.ROOT, "monitor contention (%.0f ms blocked in all; ms)", blocked),
                monitors,
                1,
                15,
                " ms");
        return t.toString();
    }

    private static void section(
            StringBuilder t, String title, Map<String, Double> counts, double total, int limit, String unit) {
        t.append(String.format(Locale.ROOT, "%n== %s%n", title));
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .limit(limit)
                .forEach(e -> t.append(String.format(
                        Locale.ROOT,
                        "%8.1f%s  %s%n",
                        unit.equals("%") ? 100 * e.getValue() / Math.max(1, total) : e.getValue(),
                        unit,
                        e.getKey())));
    }
}
