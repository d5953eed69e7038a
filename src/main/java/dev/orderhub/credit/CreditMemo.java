package dev.orderhub.credit;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A posted credit memo: what the hub gives back for units of an order (a receipt of returned units) and, once every
 * unit of a delivery group is back or cancelled, for its delivery charge. Amounts are at the currency's scale; each
 * line's and charge's {@code total} = {@code net} + {@code tax}. A card or prepaid order's memo is refunded against
 * the order's captures ({@code refunds}); an order on terms gets it against its account instead. A refund the
 * gateway did not answer leaves the memo REFUND_PENDING in the process exception it names ({@code processException}),
 * whose retry asks the gateway again with the same keys.
 */
public record CreditMemo(
        String number,
        String orderId,
        String returnOrder,
        String receiptId,
        String reason,
        String currency,
        Status status,
        List<Line> lines,
        List<Charge> charges,
        BigDecimal net,
        BigDecimal tax,
        BigDecimal total,
        List<Refund> refunds,
        String processException,
        Instant createdAt,
        Instant updatedAt) {

    public CreditMemo {
        lines = List.copyOf(lines);
        charges = charges == null ? List.of() : List.copyOf(charges);
        refunds = refunds == null ? List.of() : List.copyOf(refunds);
    }

    /** Where the memo stands: settled when POSTED (terms, or nothing to refund) or REFUNDED. */
    public enum Status {
        /** Credited to the account (terms), or nothing to refund. */
        POSTED,
        /** Its refunds are fixed and not all answered yet by the gateway. */
        REFUND_PENDING,
        /** Every refund answered. */
        REFUNDED;

        public boolean settled() {
            return this != REFUND_PENDING;
        }
    }

    /** Units of one order line given back. */
    public record Line(String lineId, String sku, int quantity, BigDecimal net, BigDecimal tax, BigDecimal total) {}

    /** A charge (delivery) of a delivery group given back. */
    public record Charge(String type, String deliveryGroupId, BigDecimal net, BigDecimal tax, BigDecimal total) {}

    /** What is given back against one capture; {@code reference} is the gateway's refund once it answered. */
    public record Refund(String capture, BigDecimal amount, String reference) {}

    CreditMemo withProcessException(String number, Instant now) {
        return new CreditMemo(
                this.number,
                orderId,
                returnOrder,
                receiptId,
                reason,
                currency,
                status,
                lines,
                charges,
                net,
                tax,
                total,
                refunds,
                number,
                createdAt,
                now);
    }

    CreditMemo with(Status newStatus, List<Refund> newRefunds, Instant now) {
        return new CreditMemo(
                number,
                orderId,
                returnOrder,
                receiptId,
                reason,
                currency,
                newStatus,
                lines,
                charges,
                net,
                tax,
                total,
                newRefunds,
                processException,
                createdAt,
                now);
    }
}
