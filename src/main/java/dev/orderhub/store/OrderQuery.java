package dev.orderhub.store;

/** Filters and page of an order list; null filters match everything. */
public record OrderQuery(String channel, String externalOrderId, String status, int page, int size) {}
