package dev.orderhub.credit;

import dev.orderhub.lifecycle.LineQuantities;
import dev.orderhub.order.Totals;
import java.math.BigDecimal;
import java.util.List;

/**
 * What a cancel or a return would change, written nowhere: each line's quantities before and after, the totals
 * before and after, the credit memo it would post (a return: once every unit came back, in one receipt) with its
 * refund per capture, what of the card's authorisation would be released, and (a return with exchanges at a lower
 * price) what the return order would leave to refund as {@code exchangeRefundDue}, null when nothing.
 */
public record ServicingPreview(
        String orderId,
        String currency,
        List<Line> lines,
        Totals totalsBefore,
        Totals totalsAfter,
        CreditMemo creditMemo,
        List<CreditMemo.Refund> refunds,
        BigDecimal refund,
        BigDecimal authorizationReleased,
        BigDecimal exchangeRefundDue) {

    /** One line the request touches, with its quantity buckets before and after. */
    public record Line(String lineId, int quantity, LineQuantities before, LineQuantities after) {}
}
