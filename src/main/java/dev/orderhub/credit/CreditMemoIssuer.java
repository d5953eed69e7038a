package dev.orderhub.credit;

import dev.orderhub.event.EventType;
import dev.orderhub.event.Events;
import dev.orderhub.order.Order;
import dev.orderhub.payment.Refunds;
import dev.orderhub.store.AccountLedger;
import dev.orderhub.store.Outbox;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * Posts a credit memo inside the transaction of the change that gives units back, under the order's row lock. A card
 * or prepaid order's memo has its refunds fixed there, split over the order's captures, oldest first, each giving
 * back no more than it still holds after earlier refunds; an order on terms gets the memo against what is open of
 * its invoices, oldest first. {@code orderhub.credit-memo.created} joins the outbox in the same transaction.
 */
@Service
class CreditMemoIssuer {
    private final CreditMemos memos;
    private final Refunds refunds;
    private final AccountLedger ledger;
    private final Outbox outbox;
    private final Events events;

    CreditMemoIssuer(CreditMemos memos, Refunds refunds, AccountLedger ledger, Outbox outbox, Events events) {
        this.memos = memos;
        this.refunds = refunds;
        this.ledger = ledger;
        this.outbox = outbox;
        this.events = events;
    }

    /** The memo {@code units} (line id → units, already counted on the order) would make, written nowhere. */
    CreditMemo draft(Order order, Map<String, Integer> units, String returnOrder, String receiptId, String reason) {
        return memo(
                null,
                order,
                CreditMemoCalculator.forUnits(order, units, memos.ofOrder(order.id())),
                returnOrder,
                receiptId,
                reason);
    }

    /** Posts the memo of {@code units}; call it in the order's change, under its row lock. */
    CreditMemo issue(Order order, Map<String, Integer> units, String returnOrder, String receiptId, String reason) {
        return post(
                order,
                CreditMemoCalculator.forUnits(order, units, memos.ofOrder(order.id())),
                returnOrder,
                receiptId,
                reason);
    }

    /** Posts a memo of the given amounts (an appeasement); call it in the order's change, under its row lock. */
    CreditMemo post(
            Order order, CreditMemoCalculator.Draft draft, String returnOrder, String receiptId, String reason) {
        CreditMemo memo = memo(memos.nextNumber(), order, draft, returnOrder, receiptId, reason);
        memos.insert(memo);
        if (!Refunds.refunds(order)) {
            credit(order, memo);
        }
        outbox.append(List.of(events.event(EventType.CREDIT_MEMO_CREATED, order.id(), memo)));
        return memo;
    }

    /** The order's credit memos so far, oldest first. */
    List<CreditMemo> ofOrder(String orderId) {
        return memos.ofOrder(orderId);
    }

    private CreditMemo memo(
            String number,
            Order order,
            CreditMemoCalculator.Draft draft,
            String returnOrder,
            String receiptId,
            String reason) {
        Instant now = Instant.now();
        boolean refunded = Refunds.refunds(order) && draft.total().signum() > 0;
        return new CreditMemo(
                number,
                order.id(),
                returnOrder,
                receiptId,
                reason,
                order.currency(),
                refunded ? CreditMemo.Status.REFUND_PENDING : CreditMemo.Status.POSTED,
                draft.lines(),
                draft.charges(),
                draft.net(),
                draft.tax(),
                draft.total(),
                refunded ? split(order, draft.total()) : List.of(),
                null,
                now,
                now);
    }

    /** The refunds of {@code total} over the order's captures, oldest first, within what each still holds. */
    private List<CreditMemo.Refund> split(Order order, BigDecimal total) {
        return CreditMemoCalculator.split(
                total,
                refunds.captures(order.id()),
                memos.refundedByCapture(order.id(), order.currency()),
                order.currency());
    }

    /** Terms: the memo settles what is open of the order's invoices, oldest first, as a payment received does. */
    private void credit(Order order, CreditMemo memo) {
        if (order.account() == null || order.account().accountId() == null) {
            return;
        }
        BigDecimal left = memo.total();
        for (AccountLedger.OpenInvoice invoice :
                ledger.lockOpenInvoices(order.account().accountId())) {
            if (left.signum() <= 0) {
                break;
            }
            if (invoice.orderId().equals(order.id())) {
                BigDecimal amount = invoice.open().min(left);
                memos.apply(memo.number(), invoice.number(), amount);
                ledger.settleIfPaid(invoice.number());
                left = left.subtract(amount);
            }
        }
    }
}
