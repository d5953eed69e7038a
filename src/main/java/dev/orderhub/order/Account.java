package dev.orderhub.order;

/** The buying company (B2B); taxId carries a VAT id for EU reverse charge. */
public record Account(String accountId, String name, String taxId) {}
