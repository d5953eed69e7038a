package dev.orderhub.mapping;

import com.dashjoin.jsonata.Jsonata;
import dev.orderhub.order.Money;
import java.math.BigDecimal;

/**
 * Functions every mapping may call besides JSONata's own. {@code $money(amount, currency)}: an amount (string or
 * number) as the decimal string the canonical order wants, at least at the currency's minor-unit scale
 * ({@code $money("12.5", "USD")} is {@code "12.50"}, {@code $money(-10, "JPY")} is {@code "-10"}); a string that is
 * no number is returned as it is, for validation to report against its field.
 */
final class MappingFunctions {
    private MappingFunctions() {}

    static void bind(Jsonata.Frame frame) {
        frame.bind("money", (Jsonata.Fn2<Object, Object, String>) MappingFunctions::money);
    }

    /** Undefined stays undefined; extra decimals are kept, not rounded away, so that validation reports them. */
    static String money(Object amount, Object currency) {
        if (amount == null || amount == Jsonata.NULL_VALUE || amount instanceof String s && s.isBlank()) {
            return null;
        }
        BigDecimal value;
        if (amount instanceof String s) {
            try {
                value = new BigDecimal(s.strip());
            } catch (NumberFormatException notANumber) {
                return s; // left as it came, so that validation names the field with all other problems at once
            }
        } else if (amount instanceof Integer || amount instanceof Long) {
            value = BigDecimal.valueOf(((Number) amount).longValue());
        } else if (amount instanceof BigDecimal decimal) {
            value = decimal;
        } else if (amount instanceof Number number) {
            value = Trees.decimal(number.doubleValue());
        } else {
            throw new IllegalArgumentException("$money: " + amount + " is not an amount");
        }
        int scale = Money.scale(currency instanceof String code ? code : null);
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.setScale(Math.max(scale, Math.max(stripped.scale(), 0))).toPlainString();
    }
}
