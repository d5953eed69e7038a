package dev.orderhub.report;

import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * The documents' labels from {@code i18n/documents_<language>.properties}, in English, German, French, Spanish and
 * Japanese; any other language is English.
 */
public final class DocumentLabels {
    public static final List<String> LANGUAGES = List.of("en", "de", "fr", "es", "ja");
    private static final String BUNDLE = "i18n/documents";
    private static final ResourceBundle.Control PROPERTIES =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    private DocumentLabels() {}

    /** The language of a BCP 47 tag if the documents speak it, else English. */
    public static Locale locale(String tag) {
        if (tag == null || tag.isBlank()) {
            return Locale.ENGLISH;
        }
        Locale locale = Locale.forLanguageTag(tag.strip());
        return LANGUAGES.contains(locale.getLanguage()) ? locale : Locale.ENGLISH;
    }

    /** The labels in the locale's language. */
    public static ResourceBundle of(Locale locale) {
        String language = LANGUAGES.contains(locale.getLanguage()) ? locale.getLanguage() : "en";
        return ResourceBundle.getBundle(BUNDLE, Locale.forLanguageTag(language), PROPERTIES);
    }
}
