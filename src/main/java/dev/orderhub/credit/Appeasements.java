package dev.orderhub.credit;

import dev.orderhub.event.EventType;
import dev.orderhub.event.Events;
import dev.orderhub.lifecycle.OrderStatus;
import dev.orderhub.order.Adjustment;
import dev.orderhub.order.Money;
import dev.orderhub.order.Order;
import dev.orderhub.order.OrderLine;
import dev.orderhub.order.Payment;
import dev.orderhub.order.Pricing;
import dev.orderhub.order.TaxLine;
import dev.orderhub.order.Totals;
import dev.orderhub.servicing.ServicingRefusedException;
import dev.orderhub.store.Change;
import dev.orderhub.store.Orders;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.stereotype.Service;

/**
 * Adjustments after the fact (appeasements): sums given back on lines, tax included, split into net and tax in the
 * proportion of the line's own. Before the order is invoiced they lower the line (an APPEASEMENT adjustment and its
 * tax lines) and so the order's totals and what will be captured; once it is invoiced they post a credit memo,
 * refunded (card, prepaid) or credited to the account (terms). A line never goes below zero.
 */
@Service
public class Appeasements {
    private static final Set<OrderStatus> NOT_SERVICEABLE = EnumSet.of(OrderStatus.CANCELLED, OrderStatus.REJECTED);

    private final Orders orders;
    private final CreditMemoIssuer issuer;
    private final CreditMemoRefunds refunds;
    private final CreditMemos memos;
    private final Events events;

    Appeasements(Orders orders, CreditMemoIssuer issuer, CreditMemoRefunds refunds, CreditMemos memos, Events events) {
        this.orders = orders;
        this.issuer = issuer;
        this.refunds = refunds;
        this.memos = memos;
        this.events = events;
    }

    public Adjusted adjust(String orderId, AdjustmentRequest request) {
        if (request.reason() == null || request.reason().isBlank()) {
            throw ServicingRefusedException.rule("reason-required");
        }
        if (request.lines().isEmpty() && request.orderAmount() == null) {
            throw ServicingRefusedException.rule("nothing-to-adjust");
        }
        AtomicReference<Adjusted> made = new AtomicReference<>();
        AtomicReference<CreditMemo> posted = new AtomicReference<>();
        orders.change(orderId, "ADJUSTED", order -> {
            if (NOT_SERVICEABLE.contains(order.status())) {
                throw ServicingRefusedException.rule("order-not-serviceable");
            }
            List<CreditMemo> previous = memos.ofOrder(orderId);
            Map<String, BigDecimal> totals = amounts(order, request, previous);
            List<CreditMemo.Line> lines = new ArrayList<>();
            totals.forEach((lineId, total) -> lines.add(split(order, order.line(lineId), total)));
            BigDecimal net = Money.zero(order.currency());
            BigDecimal tax = Money.zero(order.currency());
            for (CreditMemo.Line line : lines) {
                net = net.add(line.net());
                tax = tax.add(line.tax());
            }
            boolean invoiced = memos.invoiced(orderId);
            Order after = order;
            String memo = null;
            if (invoiced) {
                CreditMemo credit = issuer.post(
                        order,
                        new CreditMemoCalculator.Draft(lines, List.of(), net, tax),
                        null,
                        null,
                        "adjustment: " + request.reason());
                posted.set(credit);
                memo = credit.number();
            } else {
                after = lowered(order, lines, request.reason());
            }
            Adjusted adjusted =
                    new Adjusted(orderId, request.reason(), invoiced, order.currency(), lines, net.add(tax), memo);
            made.set(adjusted);
            return new Change(
                    after,
                    "adjusted by " + adjusted.total() + " " + order.currency() + (memo != null ? " (" + memo + ")" : "")
                            + ": " + request.reason(),
                    List.of(events.event(EventType.ORDER_ADJUSTED, orderId, adjusted)));
        });
        if (posted.get() != null) {
            // committed: the refund may call the gateway
            refunds.settle(posted.get());
        }
        return made.get();
    }

    /** Per line, the total to give back: its amount or percent, then its share of the order amount. */
    private static Map<String, BigDecimal> amounts(Order order, AdjustmentRequest request, List<CreditMemo> previous) {
        String currency = order.currency();
        Map<String, BigDecimal> left = new LinkedHashMap<>();
        for (OrderLine line : order.lines()) {
            left.put(
                    line.lineId(),
                    CreditMemoCalculator.lineTotal(line, order.taxMode(), currency)
                            .subtract(credited(previous, line.lineId())));
        }
        Map<String, BigDecimal> totals = new LinkedHashMap<>();
        for (AdjustmentRequest.Line wanted : request.lines()) {
            if (wanted.lineId() == null || order.line(wanted.lineId()) == null) {
                throw ServicingRefusedException.rule("line-exists");
            }
            if ((wanted.amount() == null) == (wanted.percent() == null)) {
                throw ServicingRefusedException.rule("amount-or-percent");
            }
            BigDecimal amount;
            if (wanted.amount() != null) {
                amount = positive(wanted.amount(), currency);
            } else {
                if (wanted.percent().signum() <= 0 || wanted.percent().compareTo(BigDecimal.valueOf(100)) > 0) {
                    throw ServicingRefusedException.rule("percent-range");
                }
                amount = left.get(wanted.lineId())
                        .multiply(wanted.percent())
                        .divide(BigDecimal.valueOf(100), Money.scale(currency), RoundingMode.HALF_EVEN);
            }
            totals.merge(wanted.lineId(), amount, BigDecimal::add);
        }
        if (request.orderAmount() != null) {
            BigDecimal amount = positive(request.orderAmount(), currency);
            Map<String, BigDecimal> remaining = new LinkedHashMap<>();
            left.forEach((id, l) -> remaining.put(id, l.subtract(totals.getOrDefault(id, BigDecimal.ZERO))));
            BigDecimal all =
                    remaining.values().stream().filter(r -> r.signum() > 0).reduce(BigDecimal.ZERO, BigDecimal::add);
            if (amount.compareTo(all) > 0) {
                throw ServicingRefusedException.rule("below-zero");
            }
            List<String> ids = remaining.entrySet().stream()
                    .filter(e -> e.getValue().signum() > 0)
                    .map(Map.Entry::getKey)
                    .toList();
            BigDecimal spread = BigDecimal.ZERO;
            for (int i = 0; i < ids.size(); i++) {
                String id = ids.get(i);
                BigDecimal share = i == ids.size() - 1
                        ? amount.subtract(spread)
                        : amount.multiply(remaining.get(id)).divide(all, Money.scale(currency), RoundingMode.HALF_EVEN);
                spread = spread.add(share);
                if (share.signum() > 0) {
                    totals.merge(id, share, BigDecimal::add);
                }
            }
        }
        totals.forEach((id, total) -> {
            if (total.compareTo(left.get(id)) > 0) {
                throw ServicingRefusedException.rule("below-zero");
            }
        });
        return totals;
    }

    private static BigDecimal positive(BigDecimal amount, String currency) {
        if (amount.signum() <= 0) {
            throw ServicingRefusedException.rule("amount-positive");
        }
        if (amount.stripTrailingZeros().scale() > Money.scale(currency)) {
            throw ServicingRefusedException.rule("amount-scale");
        }
        return amount.setScale(Money.scale(currency));
    }

    /** A line's part of {@code total}: tax in the proportion of the line's tax to its total, rounded once. */
    private static CreditMemo.Line split(Order order, OrderLine line, BigDecimal total) {
        String currency = order.currency();
        BigDecimal lineTotal = CreditMemoCalculator.lineTotal(line, order.taxMode(), currency);
        BigDecimal lineTax = taxOf(line);
        BigDecimal tax = lineTotal.signum() == 0
                ? Money.zero(currency)
                : total.multiply(lineTax).divide(lineTotal, Money.scale(currency), RoundingMode.HALF_EVEN);
        return new CreditMemo.Line(line.lineId(), line.sku(), 0, total.subtract(tax), tax, total);
    }

    /** Before invoicing: each line takes an APPEASEMENT adjustment of its net part, its tax lines shrink by its tax. */
    private static Order lowered(Order order, List<CreditMemo.Line> given, String reason) {
        String currency = order.currency();
        List<OrderLine> lines = new ArrayList<>();
        for (OrderLine line : order.lines()) {
            CreditMemo.Line part = given.stream()
                    .filter(g -> g.lineId().equals(line.lineId()))
                    .findFirst()
                    .orElse(null);
            if (part == null) {
                lines.add(line);
                continue;
            }
            List<Adjustment> adjustments = new ArrayList<>(line.adjustments());
            adjustments.add(new Adjustment("APPEASEMENT", part.net().negate(), reason));
            lines.add(new OrderLine(
                    line.lineId(),
                    line.sku(),
                    line.productIds(),
                    line.description(),
                    line.quantity(),
                    line.unitPrice(),
                    line.deliveryGroupId(),
                    adjustments,
                    shrunk(line.taxLines(), part.tax(), currency),
                    line.quantities(),
                    line.status()));
        }
        Order repriced = order.withPricing(lines, order.charges(), null);
        Totals totals = Pricing.totals(repriced);
        Payment payment = order.payment();
        Payment after = payment.balance() == null
                ? payment
                : payment.withAmounts(
                        payment.authorized(),
                        payment.captured(),
                        payment.refunded(),
                        totals.grandTotal().subtract(payment.captured()));
        return repriced.withPricing(lines, order.charges(), totals).withPayment(after);
    }

    /** The tax lines less {@code tax}, in proportion to each, the last taking what is left. */
    private static List<TaxLine> shrunk(List<TaxLine> taxLines, BigDecimal tax, String currency) {
        BigDecimal all = taxLines.stream().map(TaxLine::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        if (tax.signum() == 0 || all.signum() == 0) {
            return taxLines;
        }
        List<TaxLine> shrunk = new ArrayList<>();
        BigDecimal taken = BigDecimal.ZERO;
        for (int i = 0; i < taxLines.size(); i++) {
            TaxLine t = taxLines.get(i);
            BigDecimal less = i == taxLines.size() - 1
                    ? tax.subtract(taken)
                    : tax.multiply(t.amount()).divide(all, Money.scale(currency), RoundingMode.HALF_EVEN);
            taken = taken.add(less);
            shrunk.add(
                    new TaxLine(t.jurisdiction(), t.name(), t.rate(), t.amount().subtract(less), t.note()));
        }
        return shrunk;
    }

    private static BigDecimal taxOf(OrderLine line) {
        return line.taxLines().stream().map(TaxLine::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private static BigDecimal credited(List<CreditMemo> previous, String lineId) {
        return previous.stream()
                .flatMap(m -> m.lines().stream())
                .filter(l -> l.lineId().equals(lineId))
                .map(CreditMemo.Line::total)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
