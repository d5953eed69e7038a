package dev.orderhub.api;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import tools.jackson.databind.json.JsonMapper;

/** Writes RFC 9457 problem+json where Spring MVC's handlers do not reach (servlet filters). */
final class Problems {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** The titles' bundle as the application's MessageSource reads it, for filters that run before Spring MVC. */
    private static final ResourceBundleMessageSource TITLES = titles();

    private Problems() {}

    /** The problem with its title in the language the request's Accept-Language asks for (English without one). */
    static void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String detail)
            throws IOException {
        Locale locale = request.getHeader(HttpHeaders.ACCEPT_LANGUAGE) == null ? Locale.ENGLISH : request.getLocale();
        write(response, status, title(TITLES, status.getReasonPhrase(), locale), detail);
    }

    /** An English title in another language: i18n/messages' {@code problem.title.} and the title in kebab case. */
    static String title(MessageSource messages, String english, Locale locale) {
        return messages.getMessage(
                "problem.title." + english.toLowerCase(Locale.ROOT).replaceAll("[^a-z]+", "-"), null, english, locale);
    }

    private static void write(HttpServletResponse response, HttpStatus status, String title, String detail)
            throws IOException {
        Map<String, Object> problem =
                Map.of("type", "about:blank", "title", title, "status", status.value(), "detail", detail);
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getOutputStream().write(JSON.writeValueAsString(problem).getBytes(StandardCharsets.UTF_8));
    }

    private static ResourceBundleMessageSource titles() {
        ResourceBundleMessageSource titles = new ResourceBundleMessageSource();
        titles.setBasename("i18n/messages");
        titles.setDefaultEncoding(StandardCharsets.UTF_8.name());
        titles.setFallbackToSystemLocale(false);
        return titles;
    }
}
