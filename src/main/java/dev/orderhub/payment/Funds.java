package dev.orderhub.payment;

import dev.orderhub.connector.ExternalCalls;
import dev.orderhub.exception.PermanentFailure;
import dev.orderhub.lifecycle.Lifecycle;
import dev.orderhub.lifecycle.PipelineStep;
import dev.orderhub.order.Money;
import dev.orderhub.order.Order;
import dev.orderhub.order.Payment;
import dev.orderhub.order.PaymentMethod;
import dev.orderhub.store.AccountLedger;
import dev.orderhub.store.Change;
import dev.orderhub.store.Orders;
import java.math.BigDecimal;
import org.springframework.stereotype.Service;

/**
 * The ensure-funds step: CARD is authorised for the grand total, PREPAID records the channel's authorisation (which
 * must equal the grand total, else the order is held), INVOICE and PURCHASE_ORDER follow the accounts policy
 * (approved within the credit limit, else waiting).
 */
@Service
public class Funds {
    private final Orders orders;
    private final PaymentConnector connector;
    private final ExternalCalls calls;
    private final PaymentTransactions transactions;
    private final AccountBook accounts;
    private final AccountLedger ledger;

    Funds(
            Orders orders,
            PaymentConnector connector,
            ExternalCalls calls,
            PaymentTransactions transactions,
            AccountBook accounts,
            AccountLedger ledger) {
        this.orders = orders;
        this.connector = connector;
        this.calls = calls;
        this.transactions = transactions;
        this.accounts = accounts;
        this.ledger = ledger;
    }

    /**
     * PREPAID and terms decide under the order's row lock. A card is authorised with no transaction or lock held
     * (the call is keyed by order and amount, so a rerun asks again with the same key); the authorisation is
     * recorded on the order, under its lock, in the transaction that records the gateway's answer.
     */
    public void ensureFunds(String orderId) {
        if (!Lifecycle.actsOn(PipelineStep.ENSURE_FUNDS, orders.status(orderId))) {
            return;
        }
        Order card = orders.get(orderId);
        if (card.payment().method() != PaymentMethod.CARD) {
            orders.locked(orderId, order -> {
                if (Lifecycle.actsOn(PipelineStep.ENSURE_FUNDS, order.status())) {
                    approveWithoutGateway(order);
                }
                return null;
            });
            return;
        }
        BigDecimal total = card.totals().grandTotal();
        calls.call(
                authorization(card, total),
                connector.policy(),
                key -> connector.gateway().authorize(key, card, total),
                transactions.journal(null),
                authorization -> orders.change(
                        orderId,
                        "AUTHORIZED",
                        o -> !Lifecycle.actsOn(PipelineStep.ENSURE_FUNDS, o.status())
                                ? null
                                : Change.of(
                                        o.withPayment(o.payment()
                                                        .withReference(authorization)
                                                        .withAmounts(
                                                                total,
                                                                zero(o),
                                                                zero(o),
                                                                o.totals().grandTotal()))
                                                .withState(Lifecycle.approve(o.state())),
                                        "card authorised for " + total + " " + o.currency() + " (" + authorization
                                                + ")")));
    }

    /**
     * Whether the payment gateway answers in the hub's own process (a sandbox): then an authorisation, a capture and
     * their records may share one transaction with the steps around them (pipeline's InProcessSteps).
     */
    public boolean gatewayInProcess() {
        return connector.gateway().inProcess();
    }

    /**
     * Records, in the transaction that prices the order, that a card order's grand total is to be authorised: the
     * authorisation then costs no commit of its own before the call.
     */
    public void intendAuthorization(Order priced) {
        if (priced.payment().method() == PaymentMethod.CARD) {
            calls.intend(authorization(priced, priced.totals().grandTotal()));
        }
    }

    private static ExternalCalls.Call authorization(Order order, BigDecimal total) {
        return ExternalCalls.Call.of(order.id(), "AUTHORIZE", null, total);
    }

    /** PREPAID records the channel's authorisation, terms follow the accounts policy: nothing leaves the hub. */
    private void approveWithoutGateway(Order order) {
        BigDecimal total = order.totals().grandTotal();
        switch (order.payment().method()) {
            case PREPAID -> {
                requireAuthorisationCoversTotal(order.payment(), total, order.currency());
                orders.change(
                        order,
                        "PREPAID_RECORDED",
                        o -> Change.of(
                                o.withPayment(o.payment()
                                                .withAmounts(o.payment().amount(), zero(o), zero(o), total))
                                        .withState(Lifecycle.approve(o.state())),
                                "channel authorisation " + o.payment().reference() + " of "
                                        + o.payment().amount() + " recorded"));
            }
            case INVOICE, PURCHASE_ORDER -> decideOnTerms(order, total);
        }
    }

    /**
     * The channel charged the buyer its own amount; a grand total that differs (a tax or charge priced otherwise)
     * would invoice and capture what was never authorised, so an operator decides.
     */
    private static void requireAuthorisationCoversTotal(Payment payment, BigDecimal total, String currency) {
        if (payment.amount().compareTo(total) != 0) {
            throw new PermanentFailure("PREPAID authorisation " + payment.reference() + " of " + payment.amount() + " "
                    + currency + " differs from the grand total " + total + " " + currency);
        }
    }

    private void decideOnTerms(Order order, BigDecimal total) {
        String accountId = order.account() == null ? null : order.account().accountId();
        var account = accounts.find(accountId);
        String reason;
        if (account.isEmpty()) {
            reason = "unknown account " + accountId;
        } else {
            BigDecimal open = ledger.openBalance(accountId, order.currency(), order.id());
            BigDecimal limit = account.get().creditLimit();
            if (open.add(total).compareTo(limit) <= 0) {
                orders.change(
                        order,
                        "APPROVED",
                        o -> Change.of(
                                o.withPayment(o.payment().withAmounts(zero(o), zero(o), zero(o), total))
                                        .withState(Lifecycle.approve(o.state())),
                                "billed on terms " + o.payment().terms() + "; account " + accountId + " open balance "
                                        + open + " + " + total + " within limit " + limit));
                return;
            }
            reason = "account " + accountId + " open balance " + open + " + " + total + " exceeds limit " + limit;
        }
        orders.change(
                order,
                "SENT_FOR_APPROVAL",
                o -> Change.of(
                        o.withPayment(o.payment().withAmounts(zero(o), zero(o), zero(o), total))
                                .withState(Lifecycle.waitForApproval(o.state())),
                        reason));
    }

    private static BigDecimal zero(Order order) {
        return Money.zero(order.currency());
    }
}
