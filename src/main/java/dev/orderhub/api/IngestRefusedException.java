package dev.orderhub.api;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** An order the authenticated key may not post: 403 problem+json naming the rule ({@code channel}, {@code prepaid}). */
class IngestRefusedException extends ErrorResponseException {
    IngestRefusedException(String rule, String detail) {
        super(HttpStatus.FORBIDDEN, problem(rule, detail), null);
    }

    private static ProblemDetail problem(String rule, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, detail);
        problem.setTitle(HttpStatus.FORBIDDEN.getReasonPhrase());
        problem.setProperty("rule", rule);
        return problem;
    }
}
