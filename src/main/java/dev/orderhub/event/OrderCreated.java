package dev.orderhub.event;

import dev.orderhub.order.Totals;
import java.time.Instant;

/** Data of {@code orderhub.order.created}: who the order is; the whole summary is one GET away. */
public record OrderCreated(
        String orderId,
        String channel,
        String externalOrderId,
        String status,
        String currency,
        Totals totals,
        Instant orderedAt,
        int lineCount) {}
