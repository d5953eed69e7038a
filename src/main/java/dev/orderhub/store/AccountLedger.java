package dev.orderhub.store;

import dev.orderhub.lifecycle.Lifecycle;
import dev.orderhub.order.Money;
import dev.orderhub.order.PaymentMethod;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a B2B account owes on terms, per currency: the grand total of its approved orders not invoiced yet, plus
 * what is still open of its invoices (their total less what settled them: payments received and credit memos). Also
 * the payments received (account_payments) and what each settled of which invoice.
 */
@Repository
public class AccountLedger {
    private static final List<String> BILLED_ON_TERMS = PaymentMethod.billedOnTermsNames();

    private final JdbcClient jdbc;
    private final JsonMapper json;

    AccountLedger(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** An invoice of an account's order on terms: its total, what settled it so far, and what is still open. */
    public record OpenInvoice(
            String number,
            String orderId,
            String currency,
            BigDecimal total,
            BigDecimal paid,
            BigDecimal open,
            Instant postedAt,
            LocalDate dueDate) {}

    /** A payment received from an account, with what it settled of which invoice and what is left unapplied. */
    public record ReceivedPayment(
            long id,
            String accountId,
            String reference,
            BigDecimal amount,
            String currency,
            Instant receivedAt,
            List<Application> applied,
            BigDecimal unapplied) {}

    /** What a payment settled of one invoice. */
    public record Application(String invoiceNumber, BigDecimal amount) {}

    /**
     * What the account owes in this currency, leaving out one order (the one being decided). Sums in the database
     * what is in flight and open, never the account's settled history, so a credit decision costs the same however
     * many orders the account has had.
     */
    public BigDecimal openBalance(String accountId, String currency, String exceptOrderId) {
        BigDecimal notInvoiced = notInvoiced(accountId, exceptOrderId).getOrDefault(currency, BigDecimal.ZERO);
        BigDecimal open = jdbc.sql("""
                        SELECT COALESCE(SUM(GREATEST(i.total - (%s), 0)), 0)
                        FROM invoices i JOIN orders o ON o.id = i.order_id
                        WHERE i.account_id = :account AND NOT i.settled AND o.currency = :currency""".formatted(settledSum()))
                .param("account", accountId)
                .param("currency", currency)
                .query(BigDecimal.class)
                .single();
        return Money.round(notInvoiced.add(open), currency);
    }

    /** What the account owes, per currency (a currency it owes nothing in is left out). */
    public Map<String, BigDecimal> balances(String accountId) {
        Map<String, BigDecimal> balances = new TreeMap<>(notInvoiced(accountId, ""));
        openInvoices(accountId).forEach(i -> balances.merge(i.currency(), i.open(), BigDecimal::add));
        balances.replaceAll((currency, amount) -> Money.round(amount, currency));
        balances.values().removeIf(amount -> amount.signum() == 0);
        return balances;
    }

    /** The account's invoices on terms with something still open, oldest first. */
    public List<OpenInvoice> openInvoices(String accountId) {
        return invoices(accountId).stream().filter(i -> i.open().signum() > 0).toList();
    }

    /**
     * Locks the account's invoices on terms (in number order, so that two payments never wait on each other) and
     * answers those with something still open, as they stand under the lock, oldest first.
     */
    public List<OpenInvoice> lockOpenInvoices(String accountId) {
        List<String> numbers =
                invoices(accountId).stream().map(OpenInvoice::number).sorted().toList();
        if (numbers.isEmpty()) {
            return List.of();
        }
        Set<String> locked =
                Set.copyOf(jdbc.sql("SELECT number FROM invoices WHERE number IN (:n) ORDER BY number FOR UPDATE")
                        .param("n", numbers)
                        .query(String.class)
                        .list());
        return openInvoices(accountId).stream()
                .filter(i -> locked.contains(i.number()))
                .toList();
    }

    public Optional<ReceivedPayment> payment(String accountId, String reference) {
        return payments("p.account_id = :account AND p.reference = :reference", accountId, reference).stream()
                .findFirst();
    }

    /** The account's payments received, newest first. */
    public List<ReceivedPayment> payments(String accountId) {
        return payments("p.account_id = :account", accountId, null);
    }

    /** Records a payment once per (account, reference); says whether this call recorded it. */
    public boolean insertPayment(
            String accountId, String reference, BigDecimal amount, String currency, Instant receivedAt) {
        return jdbc.sql("""
                        INSERT INTO account_payments (account_id, reference, amount, currency, received_at)
                        VALUES (:account, :reference, :amount, :currency, :at) ON CONFLICT DO NOTHING""")
                        .param("account", accountId)
                        .param("reference", reference)
                        .param("amount", amount)
                        .param("currency", currency)
                        .param("at", Timestamp.from(receivedAt))
                        .update()
                == 1;
    }

    public void apply(long paymentId, String invoiceNumber, BigDecimal amount) {
        jdbc.sql("""
                INSERT INTO account_payment_applications (payment_id, invoice_number, amount)
                VALUES (:payment, :invoice, :amount)""")
                .param("payment", paymentId)
                .param("invoice", invoiceNumber)
                .param("amount", amount)
                .update();
        settleIfPaid(invoiceNumber);
    }

    /**
     * Marks the invoice settled once what settled it (payments applied, credit memos) reaches its total; called after
     * each settlement, in its transaction.
     */
    public void settleIfPaid(String invoiceNumber) {
        jdbc.sql("UPDATE invoices i SET settled = TRUE WHERE i.number = :n AND i.total <= (%s)".formatted(settledSum()))
                .param("n", invoiceNumber)
                .update();
    }

    /** What settled invoice {@code i} so far (never null): the payments applied to it and the credit memos against it. */
    private static String settledSum() {
        return "COALESCE((SELECT SUM(amount) FROM account_payment_applications WHERE invoice_number = i.number), 0)"
                + " + COALESCE((SELECT SUM(amount) FROM credit_memo_applications WHERE invoice_number = i.number), 0)";
    }

    /** The account's invoices on terms not settled yet, pending ones included, with what settled them, oldest first. */
    private List<OpenInvoice> invoices(String accountId) {
        return jdbc.sql("""
                        SELECT i.number, i.order_id, o.currency, i.total, (%s) AS settled,
                            i.posted_at, i.document
                        FROM invoices i JOIN orders o ON o.id = i.order_id
                        WHERE i.account_id = :account AND NOT i.settled
                        ORDER BY i.posted_at, i.number""".formatted(settledSum()))
                .param("account", accountId)
                .query((rs, n) -> {
                    String currency = rs.getString("currency").strip();
                    BigDecimal total = Money.round(rs.getBigDecimal("total"), currency);
                    BigDecimal paid = Money.round(rs.getBigDecimal("settled"), currency);
                    return new OpenInvoice(
                            rs.getString("number"),
                            rs.getString("order_id"),
                            currency,
                            total,
                            paid,
                            total.subtract(paid).max(Money.zero(currency)),
                            rs.getTimestamp("posted_at").toInstant(),
                            dueDate(rs.getString("document")));
                })
                .list();
    }

    private LocalDate dueDate(String invoice) {
        JsonNode due = json.readTree(invoice).path("dueDate");
        return due.isString() ? LocalDate.parse(due.asString()) : null;
    }

    /** Per currency, the grand total of the account's committed orders on terms that is not invoiced yet. */
    private Map<String, BigDecimal> notInvoiced(String accountId, String exceptOrderId) {
        Map<String, BigDecimal> amounts = new TreeMap<>();
        jdbc.sql("""
                        SELECT o.currency, SUM(GREATEST(o.grand_total
                            - COALESCE((SELECT SUM(i.total) FROM invoices i WHERE i.order_id = o.id), 0), 0)) AS amount
                        FROM orders o
                        WHERE o.account_id = :account AND o.id <> :except AND o.payment_method IN (:onTerms)
                          AND o.status IN (:statuses)
                        GROUP BY o.currency""")
                .param("account", accountId)
                .param("except", exceptOrderId)
                .param("onTerms", BILLED_ON_TERMS)
                .param("statuses", names(Lifecycle.openBalanceStatuses()))
                .query((rs, n) -> amounts.put(rs.getString("currency").strip(), rs.getBigDecimal("amount")))
                .list();
        return amounts;
    }

    private List<ReceivedPayment> payments(String where, String accountId, String reference) {
        List<Application> none = List.of();
        return jdbc
                .sql("""
                        SELECT p.id, p.account_id, p.reference, p.amount, p.currency, p.received_at
                        FROM account_payments p WHERE %s ORDER BY p.received_at DESC, p.id DESC""".formatted(where))
                .param("account", accountId)
                .param("reference", reference)
                .query((rs, n) -> {
                    String currency = rs.getString("currency").strip();
                    return new ReceivedPayment(
                            rs.getLong("id"),
                            rs.getString("account_id"),
                            rs.getString("reference"),
                            Money.round(rs.getBigDecimal("amount"), currency),
                            currency,
                            rs.getTimestamp("received_at").toInstant(),
                            none,
                            BigDecimal.ZERO);
                })
                .list()
                .stream()
                .map(this::withApplications)
                .toList();
    }

    private ReceivedPayment withApplications(ReceivedPayment p) {
        List<Application> applied = jdbc.sql("""
                        SELECT invoice_number, amount FROM account_payment_applications
                        WHERE payment_id = :payment ORDER BY invoice_number""")
                .param("payment", p.id())
                .query((rs, n) -> new Application(
                        rs.getString("invoice_number"), Money.round(rs.getBigDecimal("amount"), p.currency())))
                .list();
        BigDecimal settled = applied.stream().map(Application::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        return new ReceivedPayment(
                p.id(),
                p.accountId(),
                p.reference(),
                p.amount(),
                p.currency(),
                p.receivedAt(),
                applied,
                Money.round(p.amount().subtract(settled), p.currency()));
    }

    private static List<String> names(Collection<? extends Enum<?>> values) {
        return values.stream().map(Enum::name).toList();
    }
}
