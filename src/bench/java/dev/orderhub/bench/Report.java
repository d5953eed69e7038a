package dev.orderhub.bench;

import java.awt.BasicStroke;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import tools.jackson.databind.json.JsonMapper;

/** What the benchmark leaves: the console table, result.json, throughput.csv and its chart. */
final class Report {
    private Report() {}

    /** result.json: per channel the 10-line figures, the other sizes under "sizes"; references, ratios, machine. */
    static Map<String, Object> result(
            List<Phase> phases,
            Map<String, Object> barePipe,
            Map<String, Object> dbLimit,
            Map<String, Object> paced,
            Map<String, Object> cpu,
            double heapPeakMb,
            Map<String, Object> machine,
            Map<String, Object> settings) {
        Map<String, Object> channels = new LinkedHashMap<>();
        for (Phase main : phases) {
            if (main.warmup || main.rate > 0 || main.lines != 10) {
                continue;
            }
            Map<String, Object> figures = main.figures();
            Map<String, Object> sizes = new LinkedHashMap<>();
            for (Phase other : phases) {
                if (!other.warmup && other.rate == 0 && other.channel.equals(main.channel) && other.lines != 10) {
                    sizes.put(String.valueOf(other.lines), other.figures());
                }
            }
            figures.put("sizes", sizes);
            for (Phase other : phases) {
                if (!other.warmup && other.rate > 0 && other.channel.equals(main.channel) && other.lines == 10) {
                    figures.put("paced", other.figures());
                }
            }
            channels.put(main.channel, figures);
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("channels", channels);
        result.put("barePipe", barePipe);
        result.put("dbLimit", dbLimit);
        result.put("paced", paced);
        Phase jms = phases.stream()
                .filter(p -> !p.warmup && p.rate == 0 && p.lines == 10 && p.channel.equals("jms"))
                .findFirst()
                .orElse(null);
        Map<String, Object> ratios = new LinkedHashMap<>();
        if (jms != null) {
            double hub = jms.perSecond("allocated");
            ratios.put("basis", "jms, 10-line orders, to ALLOCATED: " + Phase.round(hub) + " orders/s");
            ratios.put("hubToBarePipe", ratio(hub, barePipe));
            ratios.put("hubToDbLimit", ratio(hub, dbLimit));
        }
        result.put("ratios", ratios);
        result.put("cpu", cpu);
        result.put("heapPeakMb", Phase.round(heapPeakMb));
        result.put("machine", machine);
        result.put("settings", settings);
        return result;
    }

    private static double ratio(double hub, Map<String, Object> reference) {
        double perSecond = reference == null ? 0 : ((Number) reference.get("perSecond")).doubleValue();
        return perSecond <= 0 ? 0 : Math.round(hub / perSecond * 1000) / 1000.0;
    }

    static String table(List<Phase> phases, Map<String, Object> result) {
        StringBuilder t = new StringBuilder();
        String row = "%-16s %7s %9s %9s %9s %12s   %-28s %-28s %s%n";
        t.append(String.format(
                Locale.ROOT,
                row,
                "phase",
                "orders",
                "acc/s",
                "alloc/s",
                "closed/s",
                "db alloc/s",
                "ms to ALLOCATED p50/p95/p99/max",
                "ms to CLOSED p50/p95/p99/max",
                "not closed"));
        for (Phase p : phases) {
            if (p.warmup) {
                continue;
            }
            Map<String, Object> f = p.figures();
            Map<?, ?> reached = (Map<?, ?>) f.get("reached");
            int open = p.orders - ((Number) reached.get("closed")).intValue();
            Object committed = f.get("committed") instanceof Map<?, ?> c ? c.get("allocatedPerSecond") : "";
            t.append(String.format(
                    Locale.ROOT,
                    row,
                    p.label,
                    p.orders,
                    f.get("acceptedPerSecond"),
                    f.get("allocatedPerSecond"),
                    f.get("closedPerSecond"),
                    committed,
                    latency(p, "allocated"),
                    latency(p, "closed"),
                    open == 0 ? "" : open + " " + reached.get("stuck")));
        }
        Map<?, ?> ratios = (Map<?, ?>) result.get("ratios");
        if (result.get("paced") instanceof Map<?, ?> paced) {
            t.append(String.format(
                    Locale.ROOT,
                    "%npaced JMS 10-line: asked %s/s for %s s; sent %s orders over %s s, ALLOCATED at %s/s: %s%n",
                    paced.get("asked"),
                    paced.get("askedSeconds"),
                    paced.get("orders"),
                    paced.get("seconds"),
                    paced.get("rate"),
                    Boolean.TRUE.equals(paced.get("held")) ? "held" : "NOT HELD"));
            if (paced.containsKey("skippedWhy")) {
                t.append("  skipped ")
                        .append(paced.get("skipped"))
                        .append(" orders: ")
                        .append(paced.get("skippedWhy"))
                        .append('\n');
            }
            if (paced.containsKey("shortened")) {
                t.append("  shortened: ").append(paced.get("shortened")).append('\n');
            }
            t.append("  latency from each order's scheduled send time\n");
        }
        if (result.get("barePipe") instanceof Map<?, ?> pipe) {
            t.append(String.format(
                    Locale.ROOT,
                    "%nbare pipe %s orders/s (best of %s, spread %s %%)   database limit %s orders/s   (%s)%n",
                    pipe.get("perSecond"),
                    pipe.get("runs"),
                    pipe.get("spreadPercent"),
                    ((Map<?, ?>) result.get("dbLimit")).get("perSecond"),
                    ratios.get("basis")));
        }
        t.append(String.format(
                Locale.ROOT,
                "hub / bare pipe = %s   hub / database limit = %s%n",
                ratios.get("hubToBarePipe"),
                ratios.get("hubToDbLimit")));
        t.append(String.format(Locale.ROOT, "cpu %s   heap peak %s MB%n", result.get("cpu"), result.get("heapPeakMb")));
        t.append("(acc/closed per second and latencies: as the order events on JMS show them; alloc/s: ALLOCATED event"
                + " seen and its fulfillment order exported to the ERP queue; db alloc/s: the export's outbox row"
                + " committed as sent, by commit timestamp)\n");
        return t.toString();
    }

    private static String latency(Phase p, String stage) {
        Map<String, Object> l = p.percentiles(stage);
        return l.get("p50") + "/" + l.get("p95") + "/" + l.get("p99") + "/" + l.get("max");
    }

    static void write(Path dir, Map<String, Object> result, List<Phase> phases, long origin, long end)
            throws IOException {
        Files.createDirectories(dir);
        Files.writeString(
                dir.resolve("result.json"),
                JsonMapper.builder().build().writerWithDefaultPrettyPrinter().writeValueAsString(result));
        int seconds = (int) ((end - origin) / 1_000_000_000L) + 1;
        StringBuilder csv = new StringBuilder("second,phase,channel,lines,accepted,allocated,closed\n");
        XYSeriesCollection allocated = new XYSeriesCollection();
        for (Phase p : phases) {
            int[][] counts = {p.perSecond(0), p.perSecond(1), p.perSecond(2)};
            int from = (int) ((p.startNanos - origin) / 1_000_000_000L);
            int to = Math.min(seconds, (int) ((p.endNanos - origin) / 1_000_000_000L) + 1);
            XYSeries series = new XYSeries(p.label + " allocated/s");
            for (int s = Math.max(0, from); s < to && s < counts[0].length; s++) {
                csv.append(s)
                        .append(',')
                        .append(p.label)
                        .append(',')
                        .append(p.channel)
                        .append(',')
                        .append(p.lines)
                        .append(',')
                        .append(counts[0][s])
                        .append(',')
                        .append(counts[1][s])
                        .append(',')
                        .append(counts[2][s])
                        .append('\n');
                series.add(s, counts[1][s]);
            }
            if (!p.warmup) {
                allocated.addSeries(series);
            }
        }
        Files.writeString(dir.resolve("throughput.csv"), csv);
        JFreeChart chart = ChartFactory.createXYLineChart(
                "orderhub: orders reaching ALLOCATED per second, by phase",
                "seconds since start",
                "orders/s",
                allocated,
                PlotOrientation.VERTICAL,
                true,
                false,
                false);
        for (int i = 0; i < allocated.getSeriesCount(); i++) {
            chart.getXYPlot().getRenderer().setSeriesStroke(i, new BasicStroke(1.5f));
        }
        ChartUtils.saveChartAsPNG(dir.resolve("throughput.png").toFile(), chart, 1400, 700);
    }
}
