package dev.orderhub.invoice;

import dev.orderhub.fulfillment.Shipment;
import dev.orderhub.fulfillment.ShipmentConfirmation;
import dev.orderhub.order.Adjustment;
import dev.orderhub.order.Charge;
import dev.orderhub.order.Money;
import dev.orderhub.order.Order;
import dev.orderhub.order.OrderLine;
import dev.orderhub.order.TaxLine;
import dev.orderhub.order.TaxMode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Computes the invoice of a shipment: shipped quantity at the order's price, with the line's adjustments and tax
 * shared by quantity; the invoice that completes a line takes what is left of them, so that a line's invoices add
 * up to the cent. Delivery charges go on the first invoice of their delivery group.
 */
final class InvoiceCalculator {
    private static final Pattern NET_DAYS = Pattern.compile("NET\\s*(\\d+)", Pattern.CASE_INSENSITIVE);

    private InvoiceCalculator() {}

    static Invoice invoice(
            String number, Order order, Shipment shipment, String deliveryGroupId, List<Invoice> previous) {
        String currency = order.currency();
        List<Invoice.Line> lines = new ArrayList<>();
        for (ShipmentConfirmation.Line shipped : shipment.lines()) {
            OrderLine line = order.line(shipped.lineId());
            int invoicedBefore = previous.stream()
                    .flatMap(i -> i.lines().stream())
                    .filter(l -> l.lineId().equals(line.lineId()))
                    .mapToInt(Invoice.Line::quantity)
                    .sum();
            boolean completes =
                    invoicedBefore + shipped.quantity() >= line.quantities().net();
            BigDecimal adjustments = share(
                    line.adjustments().stream().map(Adjustment::amount).reduce(BigDecimal.ZERO, BigDecimal::add),
                    line,
                    shipped.quantity(),
                    completes,
                    previous,
                    true,
                    currency);
            BigDecimal tax = share(
                    line.taxLines().stream().map(TaxLine::amount).reduce(BigDecimal.ZERO, BigDecimal::add),
                    line,
                    shipped.quantity(),
                    completes,
                    previous,
                    false,
                    currency);
            BigDecimal amount =
                    Money.round(line.unitPrice().multiply(BigDecimal.valueOf(shipped.quantity())), currency);
            lines.add(new Invoice.Line(
                    line.lineId(),
                    line.sku(),
                    line.description(),
                    shipped.quantity(),
                    line.unitPrice(),
                    amount,
                    adjustments,
                    tax));
        }
        boolean groupCharged =
                previous.stream().anyMatch(i -> !i.charges().isEmpty() && deliveryGroupId.equals(groupOf(order, i)));
        List<Invoice.Charge> charges = new ArrayList<>();
        if (!groupCharged) {
            for (Charge charge : order.charges()) {
                if (order.groupOf(charge).equals(deliveryGroupId)) {
                    charges.add(new Invoice.Charge(
                            charge.type(),
                            charge.amount(),
                            charge.taxLines().stream()
                                    .map(TaxLine::amount)
                                    .reduce(Money.zero(currency), BigDecimal::add)));
                }
            }
        }
        BigDecimal products = sum(lines.stream().map(Invoice.Line::amount).toList(), currency);
        BigDecimal adjustments =
                sum(lines.stream().map(Invoice.Line::adjustments).toList(), currency);
        BigDecimal chargesTotal =
                sum(charges.stream().map(Invoice.Charge::amount).toList(), currency);
        BigDecimal tax = sum(lines.stream().map(Invoice.Line::tax).toList(), currency)
                .add(sum(charges.stream().map(Invoice.Charge::tax).toList(), currency));
        BigDecimal total = products.add(adjustments).add(chargesTotal);
        if (order.taxMode() == TaxMode.NET) {
            total = total.add(tax);
        }
        Instant now = Instant.now();
        String terms =
                order.payment().method().billedOnTerms() ? order.payment().terms() : null;
        return new Invoice(
                number,
                order.id(),
                shipment.id(),
                shipment.fulfillmentOrderId(),
                currency,
                now,
                terms,
                dueDate(terms, now),
                lines,
                charges,
                products,
                adjustments,
                chargesTotal,
                tax,
                total);
    }

    /** The delivery group an earlier invoice charged, read from its fulfillment order's lines. */
    private static String groupOf(Order order, Invoice invoice) {
        return invoice.lines().isEmpty()
                ? null
                : order.line(invoice.lines().get(0).lineId()).deliveryGroupId();
    }

    private static BigDecimal share(
            BigDecimal lineTotal,
            OrderLine line,
            int quantity,
            boolean completes,
            List<Invoice> previous,
            boolean adjustments,
            String currency) {
        // adjustments and tax already describe the line's net quantity (a cancel scales them)
        BigDecimal netTotal = lineTotal;
        if (completes) {
            BigDecimal before = previous.stream()
                    .flatMap(i -> i.lines().stream())
                    .filter(l -> l.lineId().equals(line.lineId()))
                    .map(l -> adjustments ? l.adjustments() : l.tax())
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
            return Money.round(netTotal.subtract(before), currency);
        }
        return Money.round(
                netTotal.multiply(BigDecimal.valueOf(quantity))
                        .divide(BigDecimal.valueOf(line.quantities().net()), 10, RoundingMode.HALF_UP),
                currency);
    }

    private static BigDecimal sum(List<BigDecimal> amounts, String currency) {
        return amounts.stream().reduce(Money.zero(currency), BigDecimal::add);
    }

    static LocalDate dueDate(String terms, Instant postedAt) {
        if (terms == null) {
            return null;
        }
        Matcher days = NET_DAYS.matcher(terms);
        return LocalDate.ofInstant(postedAt, ZoneOffset.UTC)
                .plusDays(days.find() ? Integer.parseInt(days.group(1)) : 30);
    }
}
