package dev.orderhub.credit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderhub.lifecycle.LineQuantities;
import dev.orderhub.lifecycle.OrderStatus;
import dev.orderhub.order.Adjustment;
import dev.orderhub.order.Charge;
import dev.orderhub.order.DeliveryGroup;
import dev.orderhub.order.Money;
import dev.orderhub.order.Order;
import dev.orderhub.order.OrderLine;
import dev.orderhub.order.Payment;
import dev.orderhub.order.PaymentMethod;
import dev.orderhub.order.Pricing;
import dev.orderhub.order.TaxLine;
import dev.orderhub.order.TaxMode;
import dev.orderhub.payment.Refunds;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random orders (1–4 lines in two delivery groups, part cancelled, discounts, tax, delivery charges, USD or JPY)
 * returned in random parts (and often the rest at the end), one credit memo per receipt, refunded against random captures of the grand total: a
 * line's credits never exceed its total and add up to it once all of it is back; the order's credits never exceed
 * what was captured and add up to it once everything is back; no capture gives back more than it took; a delivery
 * charge goes back once, and only when its group is all back.
 */
class CreditMemoProperties {

    /** A line as generated: units ordered and cancelled, and amounts in minor units for its net quantity. */
    record LineSpec(int ordered, int canceled, long unitPrice, long discount, long tax, boolean secondGroup) {}

    /** An order, the receipts (line index → units, as many as are left) and where the captures split. */
    record Scenario(
            String currency,
            TaxMode mode,
            List<LineSpec> lines,
            long deliveryOne,
            long deliveryTwo,
            List<List<Integer>> receipts,
            List<Integer> captureCuts,
            boolean thenTheRest) {}

    @Property(tries = 1000)
    void refundsNeverExceedWhatWasChargedOrCaptured(@ForAll("scenarios") Scenario scenario) {
        Order order = order(scenario);
        String currency = order.currency();
        BigDecimal captured = Pricing.totals(order).grandTotal();
        List<Refunds.Capture> captures = captures(captured, scenario.captureCuts(), currency);
        Map<String, BigDecimal> refundedByCapture = new HashMap<>();
        List<CreditMemo> memos = new ArrayList<>();
        Map<String, Integer> left = new LinkedHashMap<>();
        order.lines().forEach(l -> left.put(l.lineId(), l.quantities().net()));

        List<List<Integer>> receipts = new ArrayList<>(scenario.receipts());
        if (scenario.thenTheRest()) {
            receipts.add(List.of(99, 99, 99, 99));
        }
        for (List<Integer> receipt : receipts) {
            Map<String, Integer> units = new LinkedHashMap<>();
            for (int i = 0; i < Math.min(receipt.size(), order.lines().size()); i++) {
                String lineId = order.lines().get(i).lineId();
                int k = Math.min(receipt.get(i), left.get(lineId));
                if (k > 0) {
                    units.put(lineId, k);
                    left.merge(lineId, -k, Integer::sum);
                }
            }
            if (units.isEmpty()) {
                continue;
            }
            order = returned(order, units);
            CreditMemoCalculator.Draft draft = CreditMemoCalculator.forUnits(order, units, memos);
            for (CreditMemo.Line line : draft.lines()) {
                assertThat(line.net().add(line.tax())).isEqualByComparingTo(line.total());
                assertThat(line.total().signum())
                        .as("a credit is never negative")
                        .isNotNegative();
                assertThat(line.total().scale()).isEqualTo(Money.scale(currency));
            }
            BigDecimal refundedBefore = refundedByCapture.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
            List<CreditMemo.Refund> refunds =
                    CreditMemoCalculator.split(draft.total(), captures, refundedByCapture, currency);
            BigDecimal refunded =
                    refunds.stream().map(CreditMemo.Refund::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
            assertThat(refunded).isEqualByComparingTo(draft.total().min(captured.subtract(refundedBefore)));
            refunds.forEach(r -> refundedByCapture.merge(r.capture(), r.amount(), BigDecimal::add));
            memos.add(memo(order, draft, refunds));
        }

        for (OrderLine line : order.lines()) {
            BigDecimal total = CreditMemoCalculator.lineTotal(line, order.taxMode(), currency);
            BigDecimal credited = credited(memos, line.lineId());
            assertThat(credited).as("credits of line %s", line.lineId()).isLessThanOrEqualTo(total);
            if (left.get(line.lineId()) == 0) {
                assertThat(credited).as("line %s all back", line.lineId()).isEqualByComparingTo(total);
            }
        }
        BigDecimal all = memos.stream().map(CreditMemo::total).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(all).as("the order's credits").isLessThanOrEqualTo(captured);
        if (left.values().stream().allMatch(n -> n == 0)) {
            assertThat(all).as("everything back").isEqualByComparingTo(captured);
        }
        for (Refunds.Capture capture : captures) {
            assertThat(refundedByCapture.getOrDefault(capture.reference(), BigDecimal.ZERO))
                    .as("refunded from %s", capture.reference())
                    .isLessThanOrEqualTo(capture.amount());
        }
        for (Charge charge : order.charges()) {
            long credits = memos.stream()
                    .flatMap(m -> m.charges().stream())
                    .filter(c -> c.deliveryGroupId().equals(charge.deliveryGroupId()))
                    .count();
            assertThat(credits)
                    .as("credits of the delivery of %s", charge.deliveryGroupId())
                    .isLessThanOrEqualTo(1);
        }
    }

    @Provide
    Arbitrary<Scenario> scenarios() {
        Arbitrary<LineSpec> line = Combinators.combine(
                        Arbitraries.integers().between(1, 12),
                        Arbitraries.integers().between(0, 11),
                        Arbitraries.longs().between(1, 50_000),
                        Arbitraries.integers().between(0, 60),
                        Arbitraries.integers().between(0, 25),
                        Arbitraries.of(true, false))
                .as((ordered, canceled, price, discountPct, taxPct, second) -> {
                    int cancel = Math.min(canceled, ordered - 1);
                    long amount = price * (ordered - cancel);
                    long discount = amount * discountPct / 100 + (discountPct % 7);
                    long tax = (amount - Math.min(discount, amount)) * taxPct / 100 + (taxPct % 3);
                    return new LineSpec(ordered, cancel, price, Math.min(discount, amount), tax, second);
                });
        Arbitrary<List<LineSpec>> lines = line.list().ofMinSize(1).ofMaxSize(4);
        return Combinators.combine(
                        Arbitraries.of("USD", "JPY", "EUR"),
                        Arbitraries.of(TaxMode.NET, TaxMode.GROSS),
                        lines,
                        Arbitraries.longs().between(0, 3_000),
                        Arbitraries.longs().between(0, 3_000),
                        Arbitraries.integers()
                                .between(0, 6)
                                .list()
                                .ofSize(4)
                                .list()
                                .ofMinSize(1)
                                .ofMaxSize(8),
                        Arbitraries.integers().between(1, 99).list().ofMaxSize(2),
                        Arbitraries.of(true, false))
                .as(Scenario::new);
    }

    private static Order order(Scenario s) {
        String currency = s.currency();
        List<OrderLine> lines = new ArrayList<>();
        for (int i = 0; i < s.lines().size(); i++) {
            LineSpec spec = s.lines().get(i);
            int net = spec.ordered() - spec.canceled();
            lines.add(new OrderLine(
                    String.valueOf(i + 1),
                    "SKU-" + i,
                    null,
                    null,
                    spec.ordered(),
                    minor(spec.unitPrice(), currency),
                    spec.secondGroup() ? "DG2" : "DG1",
                    spec.discount() == 0
                            ? List.of()
                            : List.of(new Adjustment("DISCOUNT", minor(-spec.discount(), currency), null)),
                    List.of(new TaxLine("X", "tax", BigDecimal.ZERO, minor(spec.tax(), currency), null)),
                    new LineQuantities(spec.ordered(), spec.canceled(), net, net, 0, 0, 0),
                    "FULFILLED"));
        }
        // a delivery group has a charge only if it has lines
        List<Charge> charges = new ArrayList<>();
        if (lines.stream().anyMatch(l -> l.deliveryGroupId().equals("DG1"))) {
            charges.add(new Charge(
                    "DELIVERY",
                    minor(s.deliveryOne(), currency),
                    "DG1",
                    List.of(new TaxLine("X", "tax", BigDecimal.ZERO, minor(s.deliveryOne() / 10, currency), null))));
        }
        if (lines.stream().anyMatch(l -> l.deliveryGroupId().equals("DG2"))) {
            charges.add(new Charge("DELIVERY", minor(s.deliveryTwo(), currency), "DG2", List.of()));
        }
        Payment payment = new Payment(PaymentMethod.CARD, "tok_visa", null, "auth", null, null, null, null, null);
        return new Order(
                "o-prop",
                "test",
                "x",
                Instant.EPOCH,
                currency,
                null,
                null,
                null,
                payment,
                null,
                List.of(new DeliveryGroup("DG1", null, null, null), new DeliveryGroup("DG2", null, null, null)),
                lines,
                charges,
                s.mode(),
                null,
                OrderStatus.CLOSED,
                null,
                0,
                1,
                Instant.EPOCH,
                Instant.EPOCH,
                null);
    }

    /** The order with {@code units} more returned. */
    private static Order returned(Order order, Map<String, Integer> units) {
        List<OrderLine> lines = order.lines().stream()
                .map(l -> {
                    int k = units.getOrDefault(l.lineId(), 0);
                    LineQuantities q = l.quantities();
                    return l.withQuantities(new LineQuantities(
                            q.ordered(),
                            q.canceled(),
                            q.allocated(),
                            q.fulfilled(),
                            q.returnInitiated() + k,
                            q.returned() + k,
                            q.reshipped()));
                })
                .toList();
        return order.withPricing(lines, order.charges(), order.totals());
    }

    /** The grand total cut into captures at the given percentages (sorted, distinct), oldest first. */
    private static List<Refunds.Capture> captures(BigDecimal total, List<Integer> cuts, String currency) {
        List<Refunds.Capture> captures = new ArrayList<>();
        BigDecimal before = BigDecimal.ZERO;
        List<Integer> sorted = cuts.stream().distinct().sorted().toList();
        for (int cut : sorted) {
            BigDecimal at = Money.round(total.multiply(BigDecimal.valueOf(cut)).movePointLeft(2), currency);
            captures.add(new Refunds.Capture("cap-" + captures.size(), at.subtract(before)));
            before = at;
        }
        captures.add(new Refunds.Capture("cap-" + captures.size(), total.subtract(before)));
        return captures;
    }

    private static CreditMemo memo(Order order, CreditMemoCalculator.Draft draft, List<CreditMemo.Refund> refunds) {
        return new CreditMemo(
                "CM",
                order.id(),
                null,
                null,
                null,
                order.currency(),
                CreditMemo.Status.REFUNDED,
                draft.lines(),
                draft.charges(),
                draft.net(),
                draft.tax(),
                draft.total(),
                refunds,
                null,
                Instant.EPOCH,
                Instant.EPOCH);
    }

    private static BigDecimal credited(List<CreditMemo> memos, String lineId) {
        return memos.stream()
                .flatMap(m -> m.lines().stream())
                .filter(l -> l.lineId().equals(lineId))
                .map(CreditMemo.Line::total)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private static BigDecimal minor(long units, String currency) {
        return BigDecimal.valueOf(units).movePointLeft(Money.scale(currency)).setScale(Money.scale(currency));
    }
}
