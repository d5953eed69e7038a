package dev.orderhub.order;

import dev.orderhub.lifecycle.LineQuantities;
import dev.orderhub.lifecycle.Lifecycle;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * An order item summary: as submitted (quantity, price, adjustments, tax lines the channel charged) and, once
 * stored, its quantity buckets and status.
 */
public record OrderLine(String lineId, String sku, Map<String, String> productIds, String description,
        Integer quantity, BigDecimal unitPrice, String deliveryGroupId, List<Adjustment> adjustments,
        List<TaxLine> taxLines, LineQuantities quantities, String status) {

    public OrderLine {
        productIds = productIds == null ? Map.of() : Map.copyOf(productIds);
        adjustments = adjustments == null ? List.of() : List.copyOf(adjustments);
        taxLines = taxLines == null ? List.of() : List.copyOf(taxLines);
    }

    public OrderLine withQuantities(LineQuantities q) {
        String lineStatus = Lifecycle.fulfilmentStatus(Map.of(lineId, q)).name();
        return new OrderLine(lineId, sku, productIds, description, q.ordered(), unitPrice, deliveryGroupId,
                adjustments, taxLines, q, lineStatus);
    }

    public OrderLine withTaxLines(List<TaxLine> lines) {
        return new OrderLine(lineId, sku, productIds, description, quantity, unitPrice, deliveryGroupId, adjustments,
                lines, quantities, status);
    }

    public OrderLine withIdAndGroup(String id, String groupId) {
        return new OrderLine(id, sku, productIds, description, quantity, unitPrice, groupId, adjustments, taxLines,
                quantities, status);
    }
}
