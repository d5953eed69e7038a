package dev.orderhub.order;

import dev.orderhub.lifecycle.LineQuantities;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;

/**
 * An order item summary: as submitted (quantity, price, adjustments, tax lines the channel charged) and, once
 * stored, its quantity buckets and status.
 */
public record OrderLine(
        String lineId,
        String sku,
        Map<String, String> productIds,
        String description,
        Integer quantity,
        BigDecimal unitPrice,
        String deliveryGroupId,
        List<Adjustment> adjustments,
        List<TaxLine> taxLines,
        LineQuantities quantities,
        String status) {

    public OrderLine {
        productIds = productIds == null ? Map.of() : Map.copyOf(productIds);
        adjustments = adjustments == null ? List.of() : List.copyOf(adjustments);
        taxLines = taxLines == null ? List.of() : List.copyOf(taxLines);
    }

    public OrderLine withQuantities(LineQuantities q) {
        String lineStatus = status(q);
        return new OrderLine(
                lineId,
                sku,
                productIds,
                description,
                q.ordered(),
                unitPrice,
                deliveryGroupId,
                adjustments,
                taxLines,
                q,
                lineStatus);
    }

    /** This line without its quantities and the status they give: see {@link Order#withoutState()}. */
    OrderLine withoutQuantities() {
        return new OrderLine(
                lineId,
                sku,
                productIds,
                description,
                quantity,
                unitPrice,
                deliveryGroupId,
                adjustments,
                taxLines,
                null,
                null);
    }

    /** OPEN, PARTIALLY_ALLOCATED, ALLOCATED, PARTIALLY_FULFILLED, FULFILLED or CANCELLED, from the buckets. */
    static String status(LineQuantities q) {
        if (q.net() == 0) {
            return "CANCELLED";
        }
        if (q.fulfilled() > 0) {
            return q.fulfilled() >= q.net() ? "FULFILLED" : "PARTIALLY_FULFILLED";
        }
        if (q.allocated() > 0) {
            return q.allocated() >= q.net() ? "ALLOCATED" : "PARTIALLY_ALLOCATED";
        }
        return "OPEN";
    }

    /**
     * Adjustments and tax describe the line's net quantity; when a cancel changes it they shrink in proportion,
     * rounded at the currency's scale, so that totals and invoices keep adding up.
     */
    OrderLine scaledTo(int oldNet, int newNet, String currency) {
        if (oldNet == newNet || oldNet == 0) {
            return this;
        }
        BigDecimal factor = BigDecimal.valueOf(newNet).divide(BigDecimal.valueOf(oldNet), 12, RoundingMode.HALF_UP);
        List<Adjustment> scaledAdjustments = adjustments.stream()
                .map(a -> new Adjustment(a.type(), Money.round(a.amount().multiply(factor), currency), a.reason()))
                .toList();
        List<TaxLine> scaledTax = taxLines.stream()
                .map(t -> new TaxLine(
                        t.jurisdiction(),
                        t.name(),
                        t.rate(),
                        Money.round(t.amount().multiply(factor), currency),
                        t.note()))
                .toList();
        return new OrderLine(
                lineId,
                sku,
                productIds,
                description,
                quantity,
                unitPrice,
                deliveryGroupId,
                scaledAdjustments,
                scaledTax,
                quantities,
                status);
    }

    public OrderLine withTaxLines(List<TaxLine> lines) {
        return new OrderLine(
                lineId,
                sku,
                productIds,
                description,
                quantity,
                unitPrice,
                deliveryGroupId,
                adjustments,
                lines,
                quantities,
                status);
    }

    public OrderLine withIdAndGroup(String id, String groupId) {
        return new OrderLine(
                id,
                sku,
                productIds,
                description,
                quantity,
                unitPrice,
                groupId,
                adjustments,
                taxLines,
                quantities,
                status);
    }
}
