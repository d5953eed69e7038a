package dev.orderhub.account;

import dev.orderhub.event.EventType;
import dev.orderhub.event.Events;
import dev.orderhub.order.Money;
import dev.orderhub.payment.AccountBook;
import dev.orderhub.store.AccountLedger;
import dev.orderhub.store.AccountLedger.Application;
import dev.orderhub.store.AccountLedger.OpenInvoice;
import dev.orderhub.store.AccountLedger.ReceivedPayment;
import dev.orderhub.store.Outbox;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records payments received from B2B accounts, once per (account, reference), and applies each to the invoices it
 * names (else the oldest open ones first) so that what the account owes, and its credit limit, free up. What a
 * payment does not settle stays unapplied on it. An order waiting for approval is not approved by a payment: an
 * operator approves it.
 */
@Service
public class PaymentsReceived {
    private final AccountBook accounts;
    private final AccountLedger ledger;
    private final Outbox outbox;
    private final Events events;

    PaymentsReceived(AccountBook accounts, AccountLedger ledger, Outbox outbox, Events events) {
        this.accounts = accounts;
        this.ledger = ledger;
        this.outbox = outbox;
        this.events = events;
    }

    /** The payment, recorded now or before under the same reference. */
    public record Recorded(ReceivedPayment payment, boolean created) {}

    /** Data of orderhub.payment.received. */
    record PaymentReceived(
            String accountId,
            String reference,
            BigDecimal amount,
            String currency,
            Instant receivedAt,
            List<Application> applied,
            BigDecimal unapplied) {}

    public AccountStatement statement(String accountId) {
        AccountBook.Account account = account(accountId);
        return new AccountStatement(
                account.accountId(),
                account.name(),
                account.terms(),
                account.creditLimit(),
                account.blocked(),
                ledger.balances(accountId),
                ledger.openInvoices(accountId),
                ledger.payments(accountId));
    }

    @Transactional
    public Recorded record(String accountId, PaymentRequest request) {
        account(accountId);
        String currency = currency(request.currency());
        BigDecimal amount = amount(request.amount(), currency);
        String reference = reference(request.reference());
        var earlier = ledger.payment(accountId, reference);
        if (earlier.isPresent()) {
            return new Recorded(same(earlier.get(), amount, currency), false);
        }
        List<OpenInvoice> open = ledger.lockOpenInvoices(accountId);
        List<OpenInvoice> payable = payable(accountId, request.invoices(), currency, open);
        Instant receivedAt = Instant.now();
        if (!ledger.insertPayment(accountId, reference, amount, currency, receivedAt)) {
            return new Recorded(same(ledger.payment(accountId, reference).orElseThrow(), amount, currency), false);
        }
        long id = ledger.payment(accountId, reference).orElseThrow().id();
        BigDecimal left = amount;
        for (OpenInvoice invoice : payable) {
            BigDecimal applied = left.min(invoice.open());
            if (applied.signum() > 0) {
                ledger.apply(id, invoice.number(), applied);
                left = left.subtract(applied);
            }
        }
        ReceivedPayment payment = ledger.payment(accountId, reference).orElseThrow();
        outbox.append(List.of(events.event(
                EventType.PAYMENT_RECEIVED,
                accountId,
                new PaymentReceived(
                        accountId,
                        reference,
                        payment.amount(),
                        currency,
                        payment.receivedAt(),
                        payment.applied(),
                        payment.unapplied()))));
        return new Recorded(payment, true);
    }

    private AccountBook.Account account(String accountId) {
        return accounts.find(accountId).orElseThrow(() -> new AccountNotFoundException(accountId));
    }

    /** The invoices the payment settles, in order: those it names, else every open one in its currency. */
    private static List<OpenInvoice> payable(
            String accountId, List<String> named, String currency, List<OpenInvoice> open) {
        if (named.isEmpty()) {
            return open.stream().filter(i -> i.currency().equals(currency)).toList();
        }
        Map<String, OpenInvoice> byNumber =
                open.stream().collect(Collectors.toMap(OpenInvoice::number, Function.identity()));
        List<OpenInvoice> payable = new ArrayList<>();
        for (String number : named.stream().distinct().toList()) {
            OpenInvoice invoice = byNumber.get(number);
            if (invoice == null) {
                throw AccountRuleException.refused(
                        "invoice-open-on-account",
                        "invoice " + number + " is not an open invoice of account " + accountId);
            }
            if (!invoice.currency().equals(currency)) {
                throw AccountRuleException.refused(
                        "invoice-currency",
                        "invoice " + number + " is in " + invoice.currency() + ", the payment in " + currency);
            }
            payable.add(invoice);
        }
        return payable;
    }

    private static ReceivedPayment same(ReceivedPayment earlier, BigDecimal amount, String currency) {
        if (earlier.amount().compareTo(amount) != 0 || !earlier.currency().equals(currency)) {
            throw AccountRuleException.conflict(
                    "reference-once",
                    "payment " + earlier.reference() + " is recorded for " + earlier.amount() + " " + earlier.currency()
                            + ", not " + amount + " " + currency);
        }
        return earlier;
    }

    private static String currency(String code) {
        if (code == null || code.isBlank()) {
            throw AccountRuleException.refused("currency-required", "a payment needs its currency");
        }
        try {
            return Currency.getInstance(code.strip()).getCurrencyCode();
        } catch (IllegalArgumentException e) {
            throw AccountRuleException.refused("currency-known", "unknown currency " + code);
        }
    }

    private static BigDecimal amount(BigDecimal amount, String currency) {
        if (amount == null || amount.signum() <= 0) {
            throw AccountRuleException.refused(
                    "amount-positive", "a payment's amount must be above zero, not " + amount);
        }
        if (amount.stripTrailingZeros().scale() > Money.scale(currency)) {
            throw AccountRuleException.refused(
                    "amount-scale", "amount " + amount + " has more decimals than " + currency + " allows");
        }
        return Money.round(amount, currency);
    }

    private static String reference(String reference) {
        if (reference == null || reference.isBlank()) {
            throw AccountRuleException.refused("reference-required", "a payment needs the buyer's reference");
        }
        if (reference.strip().length() > 100) {
            throw AccountRuleException.refused("reference-length", "a payment reference has at most 100 characters");
        }
        return reference.strip();
    }
}
