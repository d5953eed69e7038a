package dev.orderhub.report;

import dev.orderhub.invoice.Invoice;
import dev.orderhub.order.Address;
import dev.orderhub.order.Order;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/**
 * What an invoice or a credit memo shows as a document (PDF), in the buyer's language: the same model for both, so
 * that a credit memo renders like an invoice with its own title.
 */
public record BillingDocument(
        Kind kind,
        String number,
        String orderId,
        String externalOrderId,
        String poNumber,
        String accountName,
        Address billTo,
        String currency,
        Instant issuedAt,
        LocalDate dueDate,
        String paymentTerms,
        List<Line> lines,
        BigDecimal products,
        BigDecimal adjustments,
        BigDecimal charges,
        BigDecimal tax,
        BigDecimal total,
        Locale locale) {

    public enum Kind {
        INVOICE,
        CREDIT_MEMO
    }

    /** A line of the document: what, how many, at what unit price, and its amount. */
    public record Line(String sku, String description, int quantity, BigDecimal unitPrice, BigDecimal amount) {}

    public BillingDocument {
        lines = List.copyOf(lines);
    }

    /** An invoice of an order, in the order's buyer's language (English when it has none). */
    public static BillingDocument of(Invoice invoice, Order order) {
        return new BillingDocument(
                Kind.INVOICE,
                invoice.number(),
                invoice.orderId(),
                order.externalOrderId(),
                order.poNumber(),
                order.account() == null ? null : order.account().name(),
                order.billTo() != null
                        ? order.billTo()
                        : order.deliveryGroups().isEmpty()
                                ? null
                                : order.deliveryGroups().get(0).shipTo(),
                invoice.currency(),
                invoice.postedAt(),
                invoice.dueDate(),
                invoice.paymentTerms(),
                invoice.lines().stream()
                        .map(line -> new Line(
                                line.sku(), line.description(), line.quantity(), line.unitPrice(), line.amount()))
                        .toList(),
                invoice.products(),
                invoice.adjustments(),
                invoice.chargesTotal(),
                invoice.tax(),
                invoice.total(),
                DocumentLabels.locale(
                        order.buyer() == null ? null : order.buyer().locale()));
    }
}
