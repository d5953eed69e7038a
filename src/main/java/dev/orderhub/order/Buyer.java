package dev.orderhub.order;

/** The person who placed the order. Email and phone are personal data: never logged unmasked. */
public record Buyer(String name, String email, String phone) {}
