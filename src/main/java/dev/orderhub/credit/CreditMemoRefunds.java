package dev.orderhub.credit;

import dev.orderhub.event.EventType;
import dev.orderhub.event.Events;
import dev.orderhub.exception.FailedMessage;
import dev.orderhub.exception.ProcessException;
import dev.orderhub.exception.ProcessExceptions;
import dev.orderhub.order.Order;
import dev.orderhub.order.Payment;
import dev.orderhub.payment.Refunds;
import dev.orderhub.store.Change;
import dev.orderhub.store.Orders;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Refunds posted credit memos at the gateway, money moving once: the refunds were fixed with the memo (its intent);
 * each is asked with no transaction or row lock held, under its own key; their answers are recorded under the
 * order's row lock (REFUNDED, the order's {@code payment.refunded}, {@code orderhub.payment.refunded}). A gateway
 * that does not answer puts the credit memo, not the order, in a process exception whose retry
 * ({@code direct:credit-memo-refund-replay}, {@link CreditMemoRetries}) asks again with the same keys.
 */
@Service
class CreditMemoRefunds {
    /** The route an operator's retry of a refund's process exception replays the memo's number to. */
    static final String REPLAY = "direct:credit-memo-refund-replay";

    private final CreditMemos memos;
    private final Refunds refunds;
    private final Orders orders;
    private final ProcessExceptions exceptions;
    private final Events events;
    private final TransactionTemplate transaction;

    CreditMemoRefunds(
            CreditMemos memos,
            Refunds refunds,
            Orders orders,
            ProcessExceptions exceptions,
            Events events,
            TransactionTemplate transaction) {
        this.memos = memos;
        this.refunds = refunds;
        this.orders = orders;
        this.exceptions = exceptions;
        this.events = events;
        this.transaction = transaction;
    }

    /**
     * Refunds the memos of one return order that wait for a refund and are in no process exception; answers whether
     * all its memos are settled. Never throws for a gateway failure: the memo goes to a process exception.
     */
    boolean settle(String orderId, String returnOrder) {
        for (CreditMemo memo : memos.ofOrder(orderId)) {
            if (returnOrder.equals(memo.returnOrder())) {
                settle(memo);
            }
        }
        return settled(orderId, returnOrder);
    }

    /** Refunds one memo if it waits for a refund and is in no process exception; a gateway failure holds it. */
    void settle(CreditMemo memo) {
        if (memo.status() == CreditMemo.Status.REFUND_PENDING && memo.processException() == null) {
            try {
                refund(memo.number());
            } catch (RuntimeException failed) {
                held(memo, failed);
            }
        }
    }

    /** Whether every credit memo of the return order is settled. */
    boolean settled(String orderId, String returnOrder) {
        return memos.ofOrder(orderId).stream()
                .filter(m -> returnOrder.equals(m.returnOrder()))
                .allMatch(m -> m.status().settled());
    }

    /** Asks the gateway for every refund of the memo not answered yet, then records the answers. */
    CreditMemo refund(String number) {
        CreditMemo memo = memos.find(number).orElseThrow(() -> new CreditMemoNotFoundException(number));
        if (memo.status().settled()) {
            return memo;
        }
        Order order = orders.get(memo.orderId());
        List<CreditMemo.Refund> answered = new ArrayList<>();
        for (CreditMemo.Refund refund : memo.refunds()) {
            String reference = refund.reference() != null
                    ? refund.reference()
                    : refunds.refund(order, memo.number(), refund.capture(), refund.amount());
            answered.add(new CreditMemo.Refund(refund.capture(), refund.amount(), reference));
        }
        orders.change(memo.orderId(), "REFUNDED", o -> {
            CreditMemo current = memos.find(number).orElseThrow();
            if (current.status().settled()) {
                return null;
            }
            CreditMemo refunded = current.with(CreditMemo.Status.REFUNDED, answered, Instant.now());
            memos.update(refunded);
            BigDecimal amount =
                    answered.stream().map(CreditMemo.Refund::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
            Payment payment = o.payment();
            Payment after = payment.withAmounts(
                    payment.authorized(), payment.captured(), payment.refunded().add(amount), payment.balance());
            return new Change(
                    o.withPayment(after),
                    number + " refunded " + amount + " " + o.currency(),
                    List.of(events.event(
                            EventType.PAYMENT_REFUNDED,
                            o.id(),
                            new PaymentRefunded(o.id(), number, amount, o.currency(), answered))));
        });
        return memos.find(number).orElseThrow();
    }

    private void held(CreditMemo memo, RuntimeException failed) {
        String number = exceptions.recordMessage(new FailedMessage(
                failed,
                new ProcessException.Source("credit-memo-refund", "credit-memo", memo.number(), REPLAY),
                new ProcessException.Original(memo.number(), Map.of()),
                "refund of credit memo " + memo.number() + " of order " + memo.orderId() + " (" + memo.total() + " "
                        + memo.currency() + ")",
                memo.number(),
                1,
                Instant.now(),
                null));
        transaction.executeWithoutResult(tx ->
                memos.find(memo.number()).ifPresent(m -> memos.update(m.withProcessException(number, Instant.now()))));
    }

    /** Data of orderhub.payment.refunded. */
    record PaymentRefunded(
            String orderId, String creditMemo, BigDecimal amount, String currency, List<CreditMemo.Refund> refunds) {}
}
