package dev.orderhub.credit;

import dev.orderhub.lifecycle.Lifecycle;
import dev.orderhub.lifecycle.LineQuantities;
import dev.orderhub.lifecycle.OrderState;
import dev.orderhub.lifecycle.OrderStatus;
import dev.orderhub.order.Money;
import dev.orderhub.order.Order;
import dev.orderhub.order.Payment;
import dev.orderhub.order.PaymentMethod;
import dev.orderhub.servicing.CancelRequest;
import dev.orderhub.servicing.Cancellation;
import dev.orderhub.servicing.ReturnRequest;
import dev.orderhub.servicing.Returns;
import dev.orderhub.store.Orders;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * Previews of a cancel ({@code POST /api/orders/{id}/cancel?preview=true}) and a return
 * ({@code POST /api/orders/{id}/returns?preview=true}): the same computations as the real request, on the order as
 * stored, with nothing written — no lock, no number taken, no event.
 */
@Service
public class ServicingPreviews {
    private final Orders orders;
    private final Returns returns;
    private final Cancellation cancellation;
    private final CreditMemoIssuer issuer;

    ServicingPreviews(Orders orders, Returns returns, Cancellation cancellation, CreditMemoIssuer issuer) {
        this.orders = orders;
        this.returns = returns;
        this.cancellation = cancellation;
        this.issuer = issuer;
    }

    /**
     * The return as requested ({@link Returns#planned}: refused as the request would be), and the credit memo and
     * refunds once all of it came back in one receipt: as that receipt would post them, for the units not returned
     * for an exchange (none when every line is exchanged).
     */
    public ServicingPreview returned(String orderId, ReturnRequest request) {
        Order order = orders.get(orderId);
        Returns.Planned planned = returns.planned(order, request);
        Map<String, Integer> units = new LinkedHashMap<>();
        planned.lines().forEach(l -> units.merge(l.lineId(), l.quantity(), Integer::sum));
        OrderState back = planned.state();
        for (Map.Entry<String, Integer> line : units.entrySet()) {
            back = Lifecycle.markReturned(back, line.getKey(), line.getValue());
        }
        Map<String, Integer> credited = planned.credited();
        CreditMemo memo =
                credited.isEmpty() ? null : issuer.draft(order.withState(back), credited, null, null, "preview");
        List<CreditMemo.Refund> refunds = memo == null ? List.of() : memo.refunds();
        return new ServicingPreview(
                orderId,
                order.currency(),
                lines(order, planned.state(), units),
                order.totals(),
                order.totals(),
                memo,
                refunds,
                refunded(refunds, order.currency()),
                Money.zero(order.currency()),
                planned.exchangeRefundDue());
    }

    /**
     * The cancel as requested: quantities and totals after it; a card order's authorisation released whole when the
     * whole order is cancelled with nothing captured, else by what the totals drop (never captured). Units not
     * shipped were never invoiced nor captured, so a cancel refunds nothing.
     */
    public ServicingPreview canceled(String orderId, CancelRequest request) {
        Order order = orders.get(orderId);
        Order after = cancellation.canceled(order, request).order();
        Map<String, Integer> units = new LinkedHashMap<>();
        after.lines().forEach(l -> {
            int canceled = l.quantities().canceled()
                    - order.line(l.lineId()).quantities().canceled();
            if (canceled > 0) {
                units.put(l.lineId(), canceled);
            }
        });
        return new ServicingPreview(
                orderId,
                order.currency(),
                lines(order, after.state(), units),
                order.totals(),
                after.totals(),
                null,
                List.of(),
                Money.zero(order.currency()),
                released(order, after),
                null);
    }

    private static BigDecimal released(Order before, Order after) {
        Payment payment = before.payment();
        if (payment.method() != PaymentMethod.CARD
                || payment.authorized() == null
                || payment.authorized().signum() == 0) {
            return Money.zero(before.currency());
        }
        if (after.status() == OrderStatus.CANCELLED && payment.captured().signum() == 0) {
            return payment.authorized();
        }
        return before.totals().grandTotal().subtract(after.totals().grandTotal());
    }

    private static List<ServicingPreview.Line> lines(Order order, OrderState after, Map<String, Integer> units) {
        List<ServicingPreview.Line> lines = new ArrayList<>();
        units.forEach((lineId, quantity) -> {
            LineQuantities before = order.line(lineId).quantities();
            lines.add(new ServicingPreview.Line(
                    lineId, quantity, before, after.lines().get(lineId)));
        });
        return lines;
    }

    private static BigDecimal refunded(List<CreditMemo.Refund> refunds, String currency) {
        return refunds.stream().map(CreditMemo.Refund::amount).reduce(Money.zero(currency), BigDecimal::add);
    }
}
