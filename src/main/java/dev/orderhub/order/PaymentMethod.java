package dev.orderhub.order;

import java.util.List;
import java.util.stream.Stream;

/** How an order is paid; INVOICE and PURCHASE_ORDER are billed on terms, not captured. */
public enum PaymentMethod {
    CARD,
    PREPAID,
    INVOICE,
    PURCHASE_ORDER;

    private static final List<String> BILLED_ON_TERMS = Stream.of(values())
            .filter(PaymentMethod::billedOnTerms)
            .map(Enum::name)
            .toList();

    public boolean billedOnTerms() {
        return this == INVOICE || this == PURCHASE_ORDER;
    }

    /** The names of the methods billed on terms, for queries. */
    public static List<String> billedOnTermsNames() {
        return BILLED_ON_TERMS;
    }
}
