package dev.orderhub.credit;

import java.math.BigDecimal;
import java.util.List;

/**
 * An appeasement as made (the answer of {@code POST /api/orders/{id}/adjustments} and the data of
 * {@code orderhub.order.adjusted}): per line what is given back, split into net and tax; before invoicing the
 * order's totals were lowered ({@code invoiced} false, no credit memo), after it a credit memo was posted.
 */
public record Adjusted(
        String orderId,
        String reason,
        boolean invoiced,
        String currency,
        List<CreditMemo.Line> lines,
        BigDecimal total,
        String creditMemo) {}
