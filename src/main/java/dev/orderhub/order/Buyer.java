package dev.orderhub.order;

/**
 * The person who placed the order. Email and phone are personal data: never logged unmasked. Locale is the buyer's
 * language as a BCP 47 tag ({@code de}, {@code ja-JP}), the language of the order's documents; may be absent.
 */
public record Buyer(String name, String email, String phone, String locale) {}
