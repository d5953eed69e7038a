package dev.orderhub.console;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.servlet.support.RequestContextUtils;

/** Gives every console page its {@link Ui}. */
@ControllerAdvice(basePackageClasses = ConsoleModel.class)
class ConsoleModel {
    private final MessageSource messages;

    ConsoleModel(MessageSource messages) {
        this.messages = messages;
    }

    @ModelAttribute("ui")
    Ui ui(HttpServletRequest request, Locale locale) {
        CsrfToken csrf = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
        Authentication signedIn = SecurityContextHolder.getContext().getAuthentication();
        Map<String, ?> flash = RequestContextUtils.getInputFlashMap(request);
        return new Ui(
                        messages,
                        locale,
                        request.getRequestURI()
                                .substring(request.getContextPath().length()),
                        request.getQueryString(),
                        csrf == null ? "_csrf" : csrf.getParameterName(),
                        csrf == null ? "" : csrf.getToken(),
                        signedIn == null || !signedIn.isAuthenticated() || "anonymousUser".equals(signedIn.getName())
                                ? null
                                : signedIn.getName())
                .after(
                        flash == null ? null : flash.get("notice"),
                        flash == null ? null : flash.get("noticeCount"),
                        flash == null ? null : flash.get("failure"));
    }
}
