package dev.orderhub.invoice;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** A posted invoice: one per shipment; never changes once posted. */
public record Invoice(
        String number,
        String orderId,
        String shipmentId,
        String fulfillmentOrderId,
        String currency,
        Instant postedAt,
        String paymentTerms,
        LocalDate dueDate,
        List<Line> lines,
        List<Charge> charges,
        BigDecimal products,
        BigDecimal adjustments,
        BigDecimal chargesTotal,
        BigDecimal tax,
        BigDecimal total) {

    /** An invoiced line: shipped quantity at the order's price, its share of adjustments and tax. */
    public record Line(
            String lineId,
            String sku,
            String description,
            int quantity,
            BigDecimal unitPrice,
            BigDecimal amount,
            BigDecimal adjustments,
            BigDecimal tax) {}

    /** An invoiced charge (delivery) with its tax. */
    public record Charge(String type, BigDecimal amount, BigDecimal tax) {}
}
