package dev.orderhub.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.context.support.ResourceBundleMessageSource;

/** Every language has every text of the English bundle, and every text a console template asks for exists. */
class I18nBundlesTest {

    @ParameterizedTest(name = "messages_{0} has every key of the English bundle")
    @ValueSource(strings = {"de", "fr", "es", "ja"})
    void everyBundleHasEveryEnglishKey(String language) throws IOException {
        Properties english = bundle("i18n/messages.properties");
        Properties translated = bundle("i18n/messages_" + language + ".properties");
        assertThat(translated.stringPropertyNames()).containsAll(english.stringPropertyNames());
        assertThat(translated.stringPropertyNames())
                .as("no key that English lacks")
                .isSubsetOf(english.stringPropertyNames());
        translated.forEach(
                (key, text) -> assertThat(text.toString()).as(key.toString()).isNotBlank());
    }

    @Test
    void everyTextATemplateNamesIsInTheEnglishBundle() throws IOException {
        Set<String> english = bundle("i18n/messages.properties").stringPropertyNames();
        Pattern key = Pattern.compile("ui\\.t\\(\"([a-zA-Z.\\-]+)\"");
        try (Stream<Path> templates = Files.walk(Path.of("src/main/jte"))) {
            for (Path template :
                    templates.filter(p -> p.toString().endsWith(".jte")).toList()) {
                Matcher found = key.matcher(Files.readString(template));
                while (found.find()) {
                    String name = found.group(1);
                    if (!name.endsWith(".")) {
                        assertThat(english).as(template + " names " + name).contains(name);
                    }
                }
            }
        }
    }

    @Test
    void germanAndJapaneseAreReadAsUtf8() {
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasename("i18n/messages");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        assertThat(messages.getMessage("nav.signOut", null, Locale.GERMAN)).isEqualTo("Abmelden");
        assertThat(messages.getMessage("nav.signOut", null, Locale.JAPANESE)).isEqualTo("サインアウト");
        assertThat(messages.getMessage("nav.signOut", null, Locale.forLanguageTag("pt")))
                .isEqualTo("Sign out");
    }

    private static Properties bundle(String resource) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = I18nBundlesTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }
}
