package dev.orderhub.console;

import java.time.Instant;

/** One entry of an order's timeline: a history entry, an event sent, or a process exception raised. */
public record TimelineEntry(Instant at, String kind, String what, String detail, String link) {}
