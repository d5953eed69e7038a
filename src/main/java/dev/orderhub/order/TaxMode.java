package dev.orderhub.order;

/** NET: prices exclude tax, which is added. GROSS: prices include tax. */
public enum TaxMode {
    NET,
    GROSS
}
