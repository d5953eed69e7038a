package dev.orderhub.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;

/** Texts, dates, numbers and money as the language shown writes them; links to the same page in another language. */
class UiTest {
    private static final Instant AT = Instant.parse("2026-11-02T09:30:00Z");

    private static Ui ui(Locale locale, String query) {
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasename("i18n/messages");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        return new Ui(messages, locale, "/console/orders", query, "_csrf", "token", "operator");
    }

    @Test
    void formatsForTheLanguageShown() {
        Ui english = ui(Locale.ENGLISH, null);
        assertThat(english.money(new BigDecimal("1552.2900"), "USD")).isEqualTo("$1,552.29");
        assertThat(english.date(AT)).isEqualTo("Nov 2, 2026, 9:30:00 AM UTC");
        assertThat(english.number(12345)).isEqualTo("12,345");

        Ui german = ui(Locale.GERMAN, null);
        assertThat(german.money(new BigDecimal("1552.2900"), "EUR")).isEqualTo("1.552,29\u00a0€");
        assertThat(german.date(AT)).isEqualTo("02.11.2026, 09:30:00 UTC");
        assertThat(german.t("nav.signedInAs", "operator")).isEqualTo("Angemeldet als operator");

        Ui japanese = ui(Locale.JAPANESE, null);
        assertThat(japanese.money(new BigDecimal("1552"), "JPY")).isEqualTo("￥1,552");
        assertThat(japanese.date(AT)).isEqualTo("2026/11/02 9:30:00 UTC");
        assertThat(japanese.lang()).isEqualTo("ja");
    }

    @Test
    void aLanguageTheConsoleLacksIsShownInEnglish() {
        Ui portuguese = ui(Locale.forLanguageTag("pt-BR"), null);
        assertThat(portuguese.lang()).isEqualTo("en");
        assertThat(portuguese.t("nav.signOut")).isEqualTo("Sign out");
        assertThat(portuguese.money(new BigDecimal("10"), "USD")).isEqualTo("$10.00");
    }

    @Test
    void linksToThisPageInAnotherLanguageKeepItsQuery() {
        Ui german = ui(Locale.GERMAN, "q=PO-1&lang=fr&page=2");
        assertThat(german.langUrl("ja")).isEqualTo("/console/orders?q=PO-1&page=2&lang=ja");
        assertThat(ui(Locale.ENGLISH, null).langUrl("de")).isEqualTo("/console/orders?lang=de");
        assertThat(german.languageName("ja")).isEqualTo("日本語");
        assertThat(german.languageName("de")).isEqualTo("Deutsch");
    }

    @Test
    void codesAreNamedInTheLanguageShownElseShownAsTheyAre() {
        assertThat(ui(Locale.GERMAN, null).code("status", "ON_HOLD")).isEqualTo("Angehalten");
        assertThat(ui(Locale.GERMAN, null).code("status", "DRAFT")).isEqualTo("DRAFT");
        assertThat(ui(Locale.GERMAN, null).code("status", null)).isEmpty();
    }
}
