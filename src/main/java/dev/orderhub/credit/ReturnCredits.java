package dev.orderhub.credit;

import dev.orderhub.order.Order;
import dev.orderhub.servicing.ReturnOrder;
import dev.orderhub.servicing.ReturnReceived;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Each receipt of returned units posts a credit memo for them, in the receipt's transaction (damaged units too: the
 * buyer sent them back); once the receipt committed, the memo is refunded; the return order may close once all its
 * memos are settled. Units of a line returned for an exchange are not credited: their value went to the replacement
 * order (its EXCHANGE adjustment), and a receipt of only such units posts no memo.
 */
@Component
class ReturnCredits implements ReturnReceived {
    private final CreditMemoIssuer issuer;
    private final CreditMemoRefunds refunds;

    ReturnCredits(CreditMemoIssuer issuer, CreditMemoRefunds refunds) {
        this.issuer = issuer;
        this.refunds = refunds;
    }

    @Override
    public void received(Order order, ReturnOrder returnOrder, ReturnOrder.Receipt receipt) {
        Map<String, Integer> units = returnOrder.credited(receipt.lines());
        if (units.isEmpty()) {
            return;
        }
        issuer.issue(
                order,
                units,
                returnOrder.number(),
                receipt.receiptId(),
                "return " + returnOrder.number() + " receipt " + receipt.receiptId());
    }

    @Override
    public boolean committed(ReturnOrder returnOrder) {
        return refunds.settle(returnOrder.orderId(), returnOrder.number());
    }
}
