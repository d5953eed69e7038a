package dev.orderhub.order;

/** How an order is paid; INVOICE and PURCHASE_ORDER are billed on terms, not captured. */
public enum PaymentMethod {
    CARD,
    PREPAID,
    INVOICE,
    PURCHASE_ORDER;

    public boolean billedOnTerms() {
        return this == INVOICE || this == PURCHASE_ORDER;
    }
}
