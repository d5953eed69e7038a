package dev.orderhub.event;

/** Data of {@code orderhub.return-order.status-changed}; {@code from} is null when the return order is made. */
public record ReturnOrderStatusChanged(String rma, String orderId, String from, String to, String reason) {}
