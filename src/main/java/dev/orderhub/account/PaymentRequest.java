package dev.orderhub.account;

import java.math.BigDecimal;
import java.util.List;

/** A payment received from an account: its amount, currency, the buyer's reference and the invoices it pays. */
public record PaymentRequest(BigDecimal amount, String currency, String reference, List<String> invoices) {
    public PaymentRequest {
        invoices = invoices == null ? List.of() : List.copyOf(invoices);
    }
}
