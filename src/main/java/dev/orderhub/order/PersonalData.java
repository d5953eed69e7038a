package dev.orderhub.order;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * Keeps order content out of logs, process exceptions and their events. A parser's or mapper's message may quote
 * the text it choked on, which can be a name, an e-mail, a phone number or an address line: {@link #scrub} drops
 * quoted text (but for a parser's own words {@code 'null'}, {@code 'true'} and {@code 'false'}) and masks anything
 * shaped like an e-mail, keeping where (field, line, column) and what went wrong.
 */
public final class PersonalData {
    private static final Pattern QUOTED = Pattern.compile("'[^']*'|\"[^\"]*\"|`[^`]*`");
    /** A parser's own words, which it quotes when it names what it expected: never a person's data. */
    private static final Set<String> JSON_WORDS = Set.of("null", "true", "false");

    private static final Pattern EMAIL = Pattern.compile("([\\p{L}\\p{N}._%+-])[\\p{L}\\p{N}._%+-]*@"
            + "([\\p{L}\\p{N}])[\\p{L}\\p{N}-]*((?:\\.[\\p{L}\\p{N}-]+)*)");

    private PersonalData() {}

    /** A third party's message without the values it quotes; e-mails masked as {@code r***@a***.example}. */
    public static String scrub(String message) {
        if (message == null) {
            return null;
        }
        String unquoted = QUOTED.matcher(message)
                .replaceAll(quoted -> JSON_WORDS.contains(
                                quoted.group().substring(1, quoted.group().length() - 1))
                        ? quoted.group()
                        : "(value withheld)");
        return EMAIL.matcher(unquoted).replaceAll(match -> {
            String domain = match.group(3);
            int lastDot = domain.lastIndexOf('.');
            return match.group(1) + "***@" + match.group(2) + "***" + (lastDot < 0 ? "" : domain.substring(lastDot));
        });
    }
}
