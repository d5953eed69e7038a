package dev.orderhub.credit;

import dev.orderhub.order.Adjustment;
import dev.orderhub.order.Charge;
import dev.orderhub.order.Money;
import dev.orderhub.order.Order;
import dev.orderhub.order.OrderLine;
import dev.orderhub.order.TaxLine;
import dev.orderhub.order.TaxMode;
import dev.orderhub.payment.Refunds;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a credit memo gives back, computed from the order alone. A line's total is its amount after its adjustments
 * plus all of its tax lines (in GROSS mode the tax is inside the amount), for its net quantity; k of its n units
 * get {@code total × k / n} rounded once, half-even, to the currency's minor unit, and the units that complete the
 * line take what is left, so that a line's credits add up to its total and never exceed it. The tax share follows
 * the same rule; net is total less tax. A delivery charge (with its tax) is given back once, when every unit of its
 * delivery group is returned or cancelled.
 */
final class CreditMemoCalculator {
    private CreditMemoCalculator() {}

    /** The lines and charges of a memo, with its sums. */
    record Draft(List<CreditMemo.Line> lines, List<CreditMemo.Charge> charges, BigDecimal net, BigDecimal tax) {
        BigDecimal total() {
            return net.add(tax);
        }
    }

    /**
     * The memo for {@code units} (line id → units, in order) of an order whose quantities already count them as
     * returned; {@code previous} are the order's earlier credit memos.
     */
    static Draft forUnits(Order order, Map<String, Integer> units, List<CreditMemo> previous) {
        String currency = order.currency();
        List<CreditMemo.Line> lines = new ArrayList<>();
        units.forEach((lineId, quantity) -> {
            OrderLine line = order.line(lineId);
            lines.add(line(line, quantity, previous, order.taxMode(), currency));
        });
        List<CreditMemo.Charge> charges = new ArrayList<>();
        for (Charge charge : order.charges()) {
            String group = order.groupOf(charge);
            boolean inThisMemo = units.keySet().stream()
                    .anyMatch(id -> group.equals(order.line(id).deliveryGroupId()));
            boolean allBack = order.lines().stream()
                    .filter(l -> group.equals(l.deliveryGroupId()))
                    .allMatch(l -> l.quantities().returned() >= l.quantities().net());
            boolean creditedBefore = previous.stream()
                    .flatMap(m -> m.charges().stream())
                    .anyMatch(c -> c.type().equals(charge.type()) && group.equals(c.deliveryGroupId()));
            if (inThisMemo && allBack && !creditedBefore) {
                BigDecimal tax = taxOf(charge.taxLines(), currency);
                BigDecimal total = order.taxMode() == TaxMode.NET
                        ? Money.round(charge.amount(), currency).add(tax)
                        : Money.round(charge.amount(), currency);
                charges.add(new CreditMemo.Charge(charge.type(), group, total.subtract(tax), tax, total));
            }
        }
        BigDecimal net = Money.zero(currency);
        BigDecimal tax = Money.zero(currency);
        for (CreditMemo.Line line : lines) {
            net = net.add(line.net());
            tax = tax.add(line.tax());
        }
        for (CreditMemo.Charge charge : charges) {
            net = net.add(charge.net());
            tax = tax.add(charge.tax());
        }
        return new Draft(lines, charges, net, tax);
    }

    /**
     * The refunds of {@code total} over the captures, oldest first, each giving back no more than it still holds
     * after what was refunded from it before; what no capture holds any more is left out.
     */
    static List<CreditMemo.Refund> split(
            BigDecimal total, List<Refunds.Capture> captures, Map<String, BigDecimal> refunded, String currency) {
        List<CreditMemo.Refund> split = new ArrayList<>();
        BigDecimal left = total;
        for (Refunds.Capture capture : captures) {
            if (left.signum() <= 0) {
                break;
            }
            BigDecimal holds = Money.round(capture.amount(), currency)
                    .subtract(refunded.getOrDefault(capture.reference(), BigDecimal.ZERO));
            BigDecimal amount = holds.min(left);
            if (amount.signum() > 0) {
                split.add(new CreditMemo.Refund(capture.reference(), amount, null));
                left = left.subtract(amount);
            }
        }
        return split;
    }

    /** A line's total for its net quantity: amount after adjustments, plus tax in NET mode. */
    static BigDecimal lineTotal(OrderLine line, TaxMode mode, String currency) {
        BigDecimal amount = line.unitPrice()
                .multiply(BigDecimal.valueOf(line.quantities().net()))
                .add(line.adjustments().stream().map(Adjustment::amount).reduce(BigDecimal.ZERO, BigDecimal::add));
        if (mode == TaxMode.NET) {
            amount = amount.add(taxOf(line.taxLines(), currency));
        }
        return Money.round(amount, currency);
    }

    private static CreditMemo.Line line(
            OrderLine line, int quantity, List<CreditMemo> previous, TaxMode mode, String currency) {
        int units = line.quantities().net();
        BigDecimal total = lineTotal(line, mode, currency);
        BigDecimal tax = taxOf(line.taxLines(), currency);
        int quantityBefore = 0;
        BigDecimal totalBefore = Money.zero(currency);
        BigDecimal taxBefore = Money.zero(currency);
        for (CreditMemo memo : previous) {
            for (CreditMemo.Line credited : memo.lines()) {
                if (credited.lineId().equals(line.lineId())) {
                    quantityBefore += credited.quantity();
                    totalBefore = totalBefore.add(credited.total());
                    taxBefore = taxBefore.add(credited.tax());
                }
            }
        }
        boolean completes = quantityBefore + quantity >= units;
        BigDecimal lineTotal = share(total, totalBefore, quantity, units, completes, currency);
        BigDecimal lineTax = share(tax, taxBefore, quantity, units, completes, currency);
        return new CreditMemo.Line(
                line.lineId(), line.sku(), quantity, lineTotal.subtract(lineTax), lineTax, lineTotal);
    }

    /** k of n units of {@code whole}, of which {@code before} was given already: never more than is left. */
    static BigDecimal share(
            BigDecimal whole, BigDecimal before, int quantity, int units, boolean completes, String currency) {
        BigDecimal left = whole.subtract(before);
        if (completes || units == 0) {
            return left;
        }
        BigDecimal prorated = whole.multiply(BigDecimal.valueOf(quantity))
                .divide(BigDecimal.valueOf(units), Money.scale(currency), RoundingMode.HALF_EVEN);
        return whole.signum() >= 0 ? prorated.min(left) : prorated.max(left);
    }

    private static BigDecimal taxOf(List<TaxLine> taxLines, String currency) {
        return Money.round(taxLines.stream().map(TaxLine::amount).reduce(BigDecimal.ZERO, BigDecimal::add), currency);
    }
}
