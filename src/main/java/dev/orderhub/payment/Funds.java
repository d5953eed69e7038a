package dev.orderhub.payment;

import dev.orderhub.exception.Failures;
import dev.orderhub.exception.PermanentFailure;
import dev.orderhub.lifecycle.Lifecycle;
import dev.orderhub.lifecycle.OrderStatus;
import dev.orderhub.order.Money;
import dev.orderhub.order.Order;
import dev.orderhub.order.Payment;
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
    private final PaymentTransactions transactions;
    private final AccountBook accounts;

    Funds(Orders orders, PaymentConnector connector, PaymentTransactions transactions, AccountBook accounts) {
        this.orders = orders;
        this.connector = connector;
        this.transactions = transactions;
        this.accounts = accounts;
    }

    public void ensureFunds(String orderId) {
        if (orders.status(orderId) == OrderStatus.ACCEPTED) {
            orders.locked(orderId, order -> {
                if (order.status() == OrderStatus.ACCEPTED) {
                    ensureFunds(order);
                }
                return null;
            });
        }
    }

    private void ensureFunds(Order order) {
        String orderId = order.id();
        Payment payment = order.payment();
        BigDecimal total = order.totals().grandTotal();
        switch (payment.method()) {
            case CARD -> {
                String authorization = authorize(order, total);
                orders.change(order, "AUTHORIZED", o -> Change.of(o.withPayment(o.payment()
                        .withReference(authorization).withAmounts(total, zero(o), zero(o), total))
                        .withState(Lifecycle.approve(o.state())), "card authorised for " + total + " " + o.currency()
                        + " (" + authorization + ")"));
            }
            case PREPAID -> {
                requireAuthorisationCoversTotal(payment, total, order.currency());
                orders.change(order, "PREPAID_RECORDED", o -> Change.of(o.withPayment(o.payment()
                        .withAmounts(o.payment().amount(), zero(o), zero(o), total))
                        .withState(Lifecycle.approve(o.state())), "channel authorisation " + o.payment().reference()
                        + " of " + o.payment().amount() + " recorded"));
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
            throw new PermanentFailure("PREPAID authorisation " + payment.reference() + " of " + payment.amount()
                    + " " + currency + " differs from the grand total " + total + " " + currency);
        }
    }

    private String authorize(Order order, BigDecimal total) {
        return connector.retry().execute(() -> {
            try {
                String reference = connector.gateway().authorize(order.id(), order.payment().token(), total,
                        order.currency());
                transactions.record(order.id(), "AUTHORIZE", total, reference, "APPROVED", null);
                return reference;
            } catch (RuntimeException failure) {
                transactions.record(order.id(), "AUTHORIZE", total, null,
                        Failures.isTransient(failure) ? "TIMEOUT" : "DECLINED", failure.getMessage());
                throw failure;
            }
        });
    }

    private void decideOnTerms(Order order, BigDecimal total) {
        String accountId = order.account() == null ? null : order.account().accountId();
        var account = accounts.find(accountId);
        String reason;
        if (account.isEmpty()) {
            reason = "unknown account " + accountId;
        } else {
            BigDecimal open = orders.openBalance(accountId, order.id());
            BigDecimal limit = account.get().creditLimit();
            if (open.add(total).compareTo(limit) <= 0) {
                orders.change(order, "APPROVED", o -> Change.of(o.withPayment(o.payment()
                        .withAmounts(zero(o), zero(o), zero(o), total)).withState(Lifecycle.approve(o.state())),
                        "billed on terms " + o.payment().terms() + "; account " + accountId + " open balance "
                                + open + " + " + total + " within limit " + limit));
                return;
            }
            reason = "account " + accountId + " open balance " + open + " + " + total + " exceeds limit " + limit;
        }
        orders.change(order, "WAITING_APPROVAL", o -> Change.of(o.withPayment(o.payment()
                .withAmounts(zero(o), zero(o), zero(o), total)).withState(Lifecycle.waitForApproval(o.state())),
                reason));
    }

    private static BigDecimal zero(Order order) {
        return Money.zero(order.currency());
    }
}
