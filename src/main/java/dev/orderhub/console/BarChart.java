package dev.orderhub.console;

import java.util.ArrayList;
import java.util.List;

/**
 * A bar chart drawn as inline SVG by the page itself (no script): horizontal bars for counts per key, or columns
 * for a series over time.
 */
public record BarChart(List<Bar> bars, int width, int height, long max) {
    private static final int ROW = 22;
    private static final int LABEL = 170;
    private static final int LENGTH = 380;
    private static final int COLUMNS_HEIGHT = 120;

    /** One bar: its label and count, and where it is drawn. */
    public record Bar(String label, long count, int x, int y, int width, int height) {}

    /** One horizontal bar per count, labelled on the left, the count at its end. */
    static BarChart horizontal(List<ConsoleQueries.Count> counts) {
        long max = counts.stream().mapToLong(ConsoleQueries.Count::count).max().orElse(0);
        List<Bar> bars = new ArrayList<>();
        for (int i = 0; i < counts.size(); i++) {
            ConsoleQueries.Count count = counts.get(i);
            int length = max == 0 ? 0 : (int) Math.max(1, count.count() * LENGTH / max);
            bars.add(new Bar(count.key(), count.count(), LABEL, i * ROW + 4, length, ROW - 6));
        }
        return new BarChart(bars, LABEL + LENGTH + 60, Math.max(counts.size(), 1) * ROW + 4, max);
    }

    /** One column per count from left to right, for a series over time. */
    static BarChart columns(List<ConsoleQueries.Count> counts) {
        long max = counts.stream().mapToLong(ConsoleQueries.Count::count).max().orElse(0);
        int step = counts.isEmpty() ? 1 : Math.max(2, 720 / counts.size());
        List<Bar> bars = new ArrayList<>();
        for (int i = 0; i < counts.size(); i++) {
            ConsoleQueries.Count count = counts.get(i);
            int height = max == 0 ? 0 : (int) (count.count() * COLUMNS_HEIGHT / max);
            bars.add(new Bar(count.key(), count.count(), i * step, COLUMNS_HEIGHT - height, step - 1, height));
        }
        return new BarChart(bars, Math.max(counts.size() * step, 1), COLUMNS_HEIGHT, max);
    }

    public boolean empty() {
        return bars.stream().allMatch(bar -> bar.count() == 0);
    }
}
