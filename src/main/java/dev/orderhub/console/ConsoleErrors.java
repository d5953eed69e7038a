package dev.orderhub.console;

import dev.orderhub.credit.CreditMemoNotFoundException;
import dev.orderhub.exception.ProcessExceptionNotFoundException;
import dev.orderhub.servicing.ReturnNotFoundException;
import dev.orderhub.store.OrderNotFoundException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.validation.BindException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.ModelAndView;

/**
 * A console page that cannot be shown (a stale link to something that is not there, a filter no list takes) answers
 * a page of the console saying why, in the operator's language, with the status of the API's answer: an operator's
 * browser gets HTML, never the API's problem+json.
 */
@ControllerAdvice(basePackageClasses = ConsoleErrors.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ConsoleErrors {
    private final MessageSource messages;
    private final ConsoleModel model;

    ConsoleErrors(MessageSource messages, ConsoleModel model) {
        this.messages = messages;
        this.model = model;
    }

    @ExceptionHandler({
        OrderNotFoundException.class,
        ProcessExceptionNotFoundException.class,
        ReturnNotFoundException.class,
        CreditMemoNotFoundException.class
    })
    ModelAndView notFound(RuntimeException e, HttpServletRequest request, Locale locale) {
        return page(HttpStatus.NOT_FOUND, "problem.title.not-found", e.getMessage(), request, locale);
    }

    @ExceptionHandler
    ModelAndView status(ResponseStatusException e, HttpServletRequest request, Locale locale) {
        HttpStatus status = HttpStatus.valueOf(e.getStatusCode().value());
        return page(
                status,
                status == HttpStatus.NOT_FOUND ? "problem.title.not-found" : "problem.title.bad-request",
                e.getReason() != null ? e.getReason() : messages.getMessage("console.error.nothing", null, locale),
                request,
                locale);
    }

    @ExceptionHandler({MethodArgumentTypeMismatchException.class, BindException.class, IllegalArgumentException.class})
    ModelAndView badRequest(Exception e, HttpServletRequest request, Locale locale) {
        String detail;
        if (e instanceof MethodArgumentTypeMismatchException mismatch) {
            detail = parameter(mismatch.getName(), mismatch.getValue(), locale);
        } else if (e instanceof BindException binding && binding.getFieldError() != null) {
            detail = parameter(
                    binding.getFieldError().getField(), binding.getFieldError().getRejectedValue(), locale);
        } else {
            detail = e.getMessage();
        }
        return page(HttpStatus.BAD_REQUEST, "problem.title.bad-request", detail, request, locale);
    }

    private String parameter(String name, Object value, Locale locale) {
        return messages.getMessage("console.error.parameter", new Object[] {name, value}, locale);
    }

    /** An exception handler's model has no {@code @ModelAttribute}s: the page's {@link Ui} is added here. */
    private ModelAndView page(
            HttpStatus status, String titleKey, String detail, HttpServletRequest request, Locale locale) {
        ModelAndView page = new ModelAndView("console/error", status);
        page.addObject("ui", model.ui(request, locale));
        page.addObject("title", messages.getMessage(titleKey, null, locale));
        page.addObject("detail", detail);
        return page;
    }
}
