package dev.orderhub.report;

import dev.orderhub.credit.CreditMemo;
import dev.orderhub.invoice.Invoice;
import dev.orderhub.order.Address;
import dev.orderhub.order.Order;
import dev.orderhub.order.OrderLine;
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
                accountName(order),
                billTo(order),
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
                locale(order));
    }

    /**
     * A credit memo of an order, in the order's buyer's language. A line shows the units given back and their net
     * amount (after their share of the line's adjustments; no unit price, as a share need not be a whole unit's);
     * products are the lines' net, charges the charges' net, so that products, charges and tax add up to the total.
     */
    public static BillingDocument of(CreditMemo memo, Order order) {
        return new BillingDocument(
                Kind.CREDIT_MEMO,
                memo.number(),
                memo.orderId(),
                order.externalOrderId(),
                order.poNumber(),
                accountName(order),
                billTo(order),
                memo.currency(),
                memo.createdAt(),
                null,
                null,
                memo.lines().stream()
                        .map(line -> new Line(
                                line.sku(), description(order, line.lineId()), line.quantity(), null, line.net()))
                        .toList(),
                memo.lines().stream().map(CreditMemo.Line::net).reduce(BigDecimal.ZERO, BigDecimal::add),
                null,
                memo.charges().isEmpty()
                        ? null
                        : memo.charges().stream().map(CreditMemo.Charge::net).reduce(BigDecimal.ZERO, BigDecimal::add),
                memo.tax(),
                memo.total(),
                locale(order));
    }

    private static String accountName(Order order) {
        return order.account() == null ? null : order.account().name();
    }

    /** The order's bill-to, else its first delivery group's ship-to. */
    private static Address billTo(Order order) {
        return order.billTo() != null
                ? order.billTo()
                : order.deliveryGroups().isEmpty()
                        ? null
                        : order.deliveryGroups().get(0).shipTo();
    }

    private static String description(Order order, String lineId) {
        OrderLine line = order.line(lineId);
        return line == null ? null : line.description();
    }

    private static Locale locale(Order order) {
        return DocumentLabels.locale(
                order.buyer() == null ? null : order.buyer().locale());
    }
}
