package dev.orderhub.account;

import dev.orderhub.store.AccountLedger.OpenInvoice;
import dev.orderhub.store.AccountLedger.ReceivedPayment;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** An account as an operator sees it: its limit, what it owes per currency, its open invoices and payments. */
public record AccountStatement(
        String accountId,
        String name,
        String terms,
        BigDecimal creditLimit,
        boolean blocked,
        Map<String, BigDecimal> balance,
        List<OpenInvoice> openInvoices,
        List<ReceivedPayment> payments) {}
