package dev.orderhub.api;

import dev.orderhub.account.AccountNotFoundException;
import dev.orderhub.account.AccountRuleException;
import dev.orderhub.credit.CreditMemoNotFoundException;
import dev.orderhub.exception.Failures;
import dev.orderhub.exception.PermanentFailure;
import dev.orderhub.exception.ProcessExceptionNotFoundException;
import dev.orderhub.lifecycle.IllegalMoveException;
import dev.orderhub.mapping.MappingException;
import dev.orderhub.order.OrderValidationException;
import dev.orderhub.report.DocumentNotFoundException;
import dev.orderhub.report.ReportNotFoundException;
import dev.orderhub.servicing.ReturnNotFoundException;
import dev.orderhub.servicing.ServicingRefusedException;
import dev.orderhub.store.OrderNotFoundException;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Maps failures to RFC 9457 problem+json: a caller's mistake is a 4xx it owns (no process exception), what
 * {@link Failures} calls transient is 503 so that the caller retries (the idempotency key makes that safe). The
 * problems Spring MVC makes itself (a malformed parameter, an unsupported media type or method, an unknown path…)
 * get their titles in the caller's language the same way as the hub's own.
 */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {
    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler
    ProblemDetail invalid(OrderValidationException e) {
        ProblemDetail problem = problem(
                HttpStatus.BAD_REQUEST, "The order is invalid", e.errors().size() + " field error(s)");
        List<Map<String, String>> errors = e.errors().stream()
                .map(f -> Map.of("field", f.field(), "message", f.message()))
                .toList();
        problem.setProperty("errors", errors);
        return problem;
    }

    @ExceptionHandler
    ProblemDetail unsigned(ChannelsController.WebhookSignatureException e) {
        return problem(HttpStatus.UNAUTHORIZED, "Unauthorized", e.getMessage());
    }

    @ExceptionHandler
    ProblemDetail unmappable(MappingException e) {
        return problem(HttpStatus.BAD_REQUEST, "The payload cannot be mapped", e.getMessage());
    }

    /** Whatever a path names and the hub does not have: an order, an exception, an account, a document… */
    @ExceptionHandler({
        OrderNotFoundException.class,
        ProcessExceptionNotFoundException.class,
        AccountNotFoundException.class,
        ReturnNotFoundException.class,
        CreditMemoNotFoundException.class,
        ReportNotFoundException.class,
        DocumentNotFoundException.class
    })
    ProblemDetail notFound(RuntimeException e) {
        return problem(HttpStatus.NOT_FOUND, "Not found", e.getMessage());
    }

    @ExceptionHandler
    ProblemDetail refused(AccountRuleException e) {
        return ruleRefused(e.conflict(), e.getMessage(), e.rule());
    }

    @ExceptionHandler
    ProblemDetail refused(IllegalMoveException e) {
        ProblemDetail problem = problem(HttpStatus.CONFLICT, "Move refused", e.getMessage());
        problem.setProperty("move", e.move().name());
        problem.setProperty("rule", e.rule());
        return problem;
    }

    /**
     * A servicing rule refused the request: 409 when it conflicts with the current state, else 422; {@code rule} is
     * its stable code, {@code detail} says it in words, {@code move} names the lifecycle move refused (a cancel).
     */
    @ExceptionHandler
    ProblemDetail refused(ServicingRefusedException e) {
        ProblemDetail problem = ruleRefused(e.conflict(), e.getMessage(), e.rule());
        if (e.move() != null) {
            problem.setProperty("move", e.move().name());
        }
        return problem;
    }

    /** A business rule refused the request: 409 when it conflicts with the current state, else 422, naming it. */
    private ProblemDetail ruleRefused(boolean conflict, String message, String rule) {
        ProblemDetail problem = conflict
                ? problem(HttpStatus.CONFLICT, "Conflict", message)
                : problem(HttpStatus.UNPROCESSABLE_CONTENT, "Unprocessable", message);
        problem.setProperty("rule", rule);
        return problem;
    }

    @ExceptionHandler
    ProblemDetail badArgument(IllegalArgumentException e) {
        return problem(HttpStatus.BAD_REQUEST, "Bad request", e.getMessage());
    }

    @ExceptionHandler
    ProblemDetail conflict(IllegalStateException e) {
        return problem(HttpStatus.CONFLICT, "Conflict", e.getMessage());
    }

    @ExceptionHandler
    ProblemDetail permanent(PermanentFailure e) {
        return problem(HttpStatus.UNPROCESSABLE_CONTENT, "Unprocessable", e.getMessage());
    }

    /** Any other failure: 503 if it is transient; else it goes on to Spring's default handling (500). */
    @ExceptionHandler
    ProblemDetail unavailable(RuntimeException e) {
        if (!Failures.isTransient(e)) {
            throw e;
        }
        log.warn("transient failure answered with 503: {}", e.toString());
        return problem(
                HttpStatus.SERVICE_UNAVAILABLE,
                "Temporarily unavailable",
                "a transient failure occurred; retry the same request");
    }

    /** A path no endpoint answers: the hub's detail instead of Spring's "No static resource …". */
    @Override
    protected ResponseEntity<Object> handleNoResourceFoundException(
            NoResourceFoundException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return handleExceptionInternal(e, noEndpoint(status, request), headers, status, request);
    }

    @Override
    protected ResponseEntity<Object> handleNoHandlerFoundException(
            NoHandlerFoundException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return handleExceptionInternal(e, noEndpoint(status, request), headers, status, request);
    }

    private static ProblemDetail noEndpoint(HttpStatusCode status, WebRequest request) {
        String what = request instanceof ServletWebRequest servlet
                ? servlet.getRequest().getMethod() + " " + servlet.getRequest().getRequestURI()
                : request.getDescription(false);
        return ProblemDetail.forStatusAndDetail(status, "no endpoint answers " + what);
    }

    /**
     * Every problem Spring MVC's own handling answers passes here: its title (the status's reason phrase, "Bad
     * Request", "Unsupported Media Type"…) is translated like the hub's titles.
     */
    @Override
    protected ResponseEntity<Object> createResponseEntity(
            Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (body instanceof ProblemDetail problem) {
            HttpStatus known = HttpStatus.resolve(problem.getStatus());
            String title =
                    problem.getTitle() != null ? problem.getTitle() : known != null ? known.getReasonPhrase() : null;
            MessageSource messages = getMessageSource();
            if (title != null && messages != null) {
                problem.setTitle(Problems.title(messages, title, LocaleContextHolder.getLocale()));
            }
        }
        return super.createResponseEntity(body, headers, status, request);
    }

    /**
     * The title in the caller's language (Accept-Language) where i18n/messages has it under {@code problem.title.}
     * and the English title in kebab case, else the English title.
     */
    private ProblemDetail problem(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        MessageSource messages = getMessageSource();
        problem.setTitle(messages == null ? title : Problems.title(messages, title, LocaleContextHolder.getLocale()));
        return problem;
    }
}
