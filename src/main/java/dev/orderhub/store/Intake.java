package dev.orderhub.store;

import dev.orderhub.lifecycle.OrderStatus;

/** The answer to a submitted order: its id and status, and whether this submission created it. */
public record Intake(String id, OrderStatus status, boolean created) {}
