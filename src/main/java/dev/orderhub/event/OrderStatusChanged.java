package dev.orderhub.event;

/** Data of {@code orderhub.order.status-changed}. */
public record OrderStatusChanged(String orderId, String from, String to, String reason) {}
