package dev.orderhub.console;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * What every console page needs besides its data: the texts of the language shown, dates, numbers and money
 * formatted for it, the CSRF field of its forms, who is signed in and links to the same page in another language.
 */
public final class Ui {
    /** The languages the console speaks; the first is shown when the browser asks for none of them. */
    public static final List<String> LANGUAGES = List.of("en", "de", "fr", "es", "ja");

    private final MessageSource messages;
    private final Locale locale;
    private final String path;
    private final String query;
    private final String csrfName;
    private final String csrfToken;
    private final String user;
    private String notice;
    private String failure;

    Ui(
            MessageSource messages,
            Locale locale,
            String path,
            String query,
            String csrfName,
            String csrfToken,
            String user) {
        this.messages = messages;
        this.locale = LANGUAGES.contains(locale.getLanguage()) ? locale : Locale.ENGLISH;
        this.path = path;
        this.query = query;
        this.csrfName = csrfName;
        this.csrfToken = csrfToken;
        this.user = user;
    }

    /** The text of a message key in the language shown. */
    public String t(String key, Object... args) {
        return messages.getMessage(key, args, locale);
    }

    /** The text of a key made from a code (a status, a category), or the code itself where no text is given. */
    public String code(String prefix, Object code) {
        if (code == null) {
            return "";
        }
        return messages.getMessage(prefix + "." + code, null, code.toString(), locale);
    }

    public String lang() {
        return locale.getLanguage();
    }

    public List<String> languages() {
        return LANGUAGES;
    }

    /** The actions on an active process exception, as its page offers them. */
    public List<String> exceptionActions() {
        return List.of("retry", "triage", "pause", "resolve", "ignore", "void");
    }

    /** A language's name in itself (Deutsch, 日本語), so that a reader finds theirs whatever is shown. */
    public String languageName(String language) {
        Locale named = Locale.forLanguageTag(language);
        return named.getDisplayLanguage(named);
    }

    /** This page in another language ({@code ?lang=}, which the console then remembers). */
    public String langUrl(String lang) {
        return UriComponentsBuilder.fromPath(path)
                .query(query)
                .replaceQueryParam("lang", lang)
                .build()
                .toUriString();
    }

    public String date(Instant at) {
        return at == null
                ? ""
                : DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM)
                                .withLocale(locale)
                                .withZone(ZoneOffset.UTC)
                                .format(at)
                        + " UTC";
    }

    public String number(Number value) {
        return value == null ? "" : NumberFormat.getNumberInstance(locale).format(value);
    }

    public String money(BigDecimal amount, String currency) {
        if (amount == null) {
            return "";
        }
        NumberFormat format = NumberFormat.getCurrencyInstance(locale);
        if (currency != null) {
            Currency c = Currency.getInstance(currency);
            format.setCurrency(c);
            format.setMinimumFractionDigits(c.getDefaultFractionDigits());
            format.setMaximumFractionDigits(c.getDefaultFractionDigits());
        }
        return format.format(amount);
    }

    /** How long ago, in whole units, as the language says it. */
    public String age(Instant since) {
        if (since == null) {
            return "";
        }
        Duration age = Duration.between(since, Instant.now());
        if (age.toDays() > 0) {
            return t("age.days", age.toDays());
        }
        if (age.toHours() > 0) {
            return t("age.hours", age.toHours());
        }
        return t("age.minutes", Math.max(age.toMinutes(), 0));
    }

    public String csrfName() {
        return csrfName;
    }

    public String csrfToken() {
        return csrfToken;
    }

    public String user() {
        return user;
    }

    public String path() {
        return path;
    }

    /** What the last action did, in the language shown; null when nothing was done. */
    public String notice() {
        return notice;
    }

    /** Why the last action was refused, as the API words it; null when it was not. */
    public String failure() {
        return failure;
    }

    /** The outcome of the action before this page: a message key (with its count) or a refusal. */
    Ui after(Object noticeKey, Object count, Object refusal) {
        this.notice = noticeKey == null ? null : t(noticeKey.toString(), count);
        this.failure = refusal == null ? null : refusal.toString();
        return this;
    }
}
