package dev.orderhub.servicing;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A return order (RMA) of fulfilled units of an order; {@code number} is its RMA number. Each line says where its
 * restockable units go back on the shelf ({@code location}: the return's location, else the one that shipped the
 * line) and how many came back so far, restockable or damaged. {@code receipts} are the receipts counted, each once.
 * {@code exchangeRefundDue} is what exchanges at a lower price leave to refund (net of tax), null when none.
 */
public record ReturnOrder(
        String number,
        String orderId,
        ReturnStatus status,
        String location,
        String note,
        String reason,
        List<Line> lines,
        List<Receipt> receipts,
        Instant createdAt,
        Instant updatedAt,
        BigDecimal exchangeRefundDue) {

    public ReturnOrder {
        lines = List.copyOf(lines);
        receipts = receipts == null ? List.of() : List.copyOf(receipts);
    }

    /** What a receipt says of a returned unit. */
    public enum Condition {
        /** Back on the shelf at the line's location. */
        RESTOCKABLE,
        /** Recorded, not restocked. */
        DAMAGED
    }

    /** One order line in the return; {@code received} = {@code restocked} + {@code damaged}. */
    public record Line(
            String lineId,
            String sku,
            int quantity,
            String reason,
            String location,
            int received,
            int restocked,
            int damaged,
            Exchange exchange) {

        /** Units still expected back. */
        public int outstanding() {
            return quantity - received;
        }

        Line receive(int qty, Condition condition) {
            return new Line(
                    lineId,
                    sku,
                    quantity,
                    reason,
                    location,
                    received + qty,
                    restocked + (condition == Condition.RESTOCKABLE ? qty : 0),
                    damaged + (condition == Condition.DAMAGED ? qty : 0),
                    exchange);
        }

        Line withExchange(Exchange newExchange) {
            return new Line(lineId, sku, quantity, reason, location, received, restocked, damaged, newExchange);
        }
    }

    /**
     * What a returned line is exchanged for: {@code quantity} of {@code sku} at {@code unitPrice} (the returned line's
     * unit price when not given), on the replacement order {@code replacementOrderId} once it is made.
     */
    public record Exchange(String sku, Integer quantity, BigDecimal unitPrice, String replacementOrderId) {
        Exchange withReplacement(String orderId) {
            return new Exchange(sku, quantity, unitPrice, orderId);
        }
    }

    /** A receipt of returned units, counted once per receiptId. */
    public record Receipt(String receiptId, Instant receivedAt, List<ReceiptLine> lines) {}

    /** Units of one line received in one condition. */
    public record ReceiptLine(String lineId, Integer quantity, Condition condition) {}

    /** AUTHORIZED, with an exchanged line whose replacement order is not made yet. */
    boolean replacementPending() {
        return status == ReturnStatus.AUTHORIZED
                && lines.stream()
                        .anyMatch(l -> l.exchange() != null && l.exchange().replacementOrderId() == null);
    }

    /**
     * The units of {@code received} credited with money (a credit memo, a refund): all but those of lines returned for
     * an exchange, whose value went to the replacement order; per line, in the order received.
     */
    public Map<String, Integer> credited(List<ReceiptLine> received) {
        return credited(lines, received);
    }

    static Map<String, Integer> credited(List<Line> lines, List<ReceiptLine> received) {
        Set<String> exchanged = lines.stream()
                .filter(l -> l.exchange() != null)
                .map(Line::lineId)
                .collect(Collectors.toSet());
        Map<String, Integer> units = new LinkedHashMap<>();
        received.stream()
                .filter(l -> !exchanged.contains(l.lineId()))
                .forEach(l -> units.merge(l.lineId(), l.quantity(), Integer::sum));
        return units;
    }

    public Line line(String lineId) {
        return lines.stream().filter(l -> l.lineId().equals(lineId)).findFirst().orElse(null);
    }

    ReturnOrder withStatus(ReturnStatus newStatus, String newReason, Instant now) {
        return new ReturnOrder(
                number,
                orderId,
                newStatus,
                location,
                note,
                newReason,
                lines,
                receipts,
                createdAt,
                now,
                exchangeRefundDue);
    }

    ReturnOrder withLines(List<Line> newLines, Instant now) {
        return new ReturnOrder(
                number, orderId, status, location, note, reason, newLines, receipts, createdAt, now, exchangeRefundDue);
    }

    ReturnOrder withReceipt(List<Line> newLines, Receipt receipt, Instant now) {
        List<Receipt> all = new ArrayList<>(receipts);
        all.add(receipt);
        boolean complete = newLines.stream().allMatch(l -> l.outstanding() == 0);
        return new ReturnOrder(
                number,
                orderId,
                complete ? ReturnStatus.RECEIVED : ReturnStatus.PARTIALLY_RECEIVED,
                location,
                note,
                reason,
                newLines,
                all,
                createdAt,
                now,
                exchangeRefundDue);
    }
}
