package dev.orderhub.store;

import java.time.Instant;

/** One line of an order's history: what happened, the status move if any, and details (provenance, reasons). */
public record HistoryEntry(Instant at, String action, String fromStatus, String toStatus, String detail) {}
