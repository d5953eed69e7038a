package dev.orderhub.order;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Money rules: amounts are BigDecimal at the currency's minor-unit scale, never double. */
public final class Money {
    private static final Map<String, Integer> SCALES = new ConcurrentHashMap<>();

    private Money() {}

    /** The ISO 4217 currency for a code, if the JDK knows it. */
    static Optional<Currency> currency(String code) {
        if (code == null || code.length() != 3 || !code.chars().allMatch(c -> c >= 'A' && c <= 'Z')) {
            return Optional.empty();
        }
        try {
            return Optional.of(Currency.getInstance(code));
        } catch (IllegalArgumentException unknown) {
            return Optional.empty();
        }
    }

    /** The currency's minor-unit digits (2 for a code the JDK does not know); asked per amount, so kept per code. */
    public static int scale(String currencyCode) {
        if (currencyCode == null) {
            return 2;
        }
        return SCALES.computeIfAbsent(
                currencyCode,
                code -> currency(code)
                        .map(c -> Math.max(c.getDefaultFractionDigits(), 0))
                        .orElse(2));
    }

    /** Every amount the hub keeps, and every sum of an order's amounts, is below this (the store's NUMERIC(19, 4)). */
    public static final BigDecimal LIMIT = new BigDecimal("1000000000000000");

    /** True when the amount has no more decimals than the currency allows. */
    static boolean fitsScale(BigDecimal amount, String currencyCode) {
        return amount.stripTrailingZeros().scale() <= scale(currencyCode);
    }

    /** Rounds half-up to the currency's scale, the usual commercial rounding for a line. */
    public static BigDecimal round(BigDecimal amount, String currencyCode) {
        return amount.setScale(scale(currencyCode), RoundingMode.HALF_UP);
    }

    public static BigDecimal zero(String currencyCode) {
        return BigDecimal.ZERO.setScale(scale(currencyCode));
    }
}
