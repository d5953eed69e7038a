package dev.orderhub.credit;

import java.math.BigDecimal;
import java.util.List;

/**
 * {@code {lines?:[{lineId, amount | percent}], orderAmount?, reason}}: sums to give back, tax included; a percent is
 * of what is left of the line's total; {@code orderAmount} is spread over the lines by what is left of each.
 */
public record AdjustmentRequest(List<Line> lines, BigDecimal orderAmount, String reason) {
    public AdjustmentRequest {
        lines = lines == null ? List.of() : List.copyOf(lines);
    }

    /** One line's appeasement: an amount or a percent, not both. */
    public record Line(String lineId, BigDecimal amount, BigDecimal percent) {}
}
