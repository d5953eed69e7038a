package dev.orderhub.pipeline;

import dev.orderhub.lifecycle.Lifecycle;
import dev.orderhub.lifecycle.PipelineStep;
import dev.orderhub.order.Order;
import dev.orderhub.order.Pricing;
import dev.orderhub.payment.AccountBook;
import dev.orderhub.payment.Funds;
import dev.orderhub.store.Change;
import dev.orderhub.store.Orders;
import dev.orderhub.tax.TaxCalculator;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.stereotype.Service;

/**
 * The accept step: an order of a blocked account is rejected; any other is taxed (channel-supplied tax kept),
 * priced (adjustments, charges, totals) and ACCEPTED.
 */
@Service
class Acceptance {
    private final Orders orders;
    private final TaxCalculator tax;
    private final AccountBook accounts;
    private final Funds funds;

    Acceptance(Orders orders, TaxCalculator tax, AccountBook accounts, Funds funds) {
        this.orders = orders;
        this.tax = tax;
        this.accounts = accounts;
        this.funds = funds;
    }

    public void accept(String orderId) {
        if (!Lifecycle.actsOn(PipelineStep.ACCEPT, orders.status(orderId))) {
            return;
        }
        // quoted with no transaction or row lock held: the tax service may be a remote one
        Order received = orders.get(orderId);
        Order quoted = blocked(received) ? received : tax.applyTax(received);
        orders.change(orderId, "ACCEPTED", order -> {
            if (!Lifecycle.actsOn(PipelineStep.ACCEPT, order.status())) {
                return null;
            }
            if (order.version() != quoted.version()) {
                throw new ConcurrencyFailureException("order " + orderId + " changed while its tax was quoted");
            }
            String accountId = order.account() == null ? null : order.account().accountId();
            if (blocked(order)) {
                return Change.of(
                        order.withState(Lifecycle.reject(order.state())), "account " + accountId + " is blocked");
            }
            Order taxed = quoted;
            Order priced = taxed.withPricing(taxed.lines(), taxed.charges(), Pricing.totals(taxed));
            Order accepted = priced.withPayment(priced.payment()
                            .opened(priced.currency(), priced.totals().grandTotal()))
                    .withState(Lifecycle.accept(priced.state()));
            funds.intendAuthorization(accepted);
            return Change.of(
                    accepted,
                    "priced and taxed: grand total " + accepted.totals().grandTotal() + " " + accepted.currency()
                            + " (tax " + accepted.totals().tax() + ", " + accepted.taxMode() + ")");
        });
    }

    private boolean blocked(Order order) {
        String accountId = order.account() == null ? null : order.account().accountId();
        return accounts.find(accountId).map(AccountBook.Account::blocked).orElse(false);
    }
}
