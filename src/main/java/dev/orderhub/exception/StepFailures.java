package dev.orderhub.exception;

import dev.orderhub.shared.Headers;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * The error policy's bean for a failed lifecycle step: the stored order goes ON_HOLD; nothing is dead-lettered. The
 * exception's category is the one the step declares with the exchange property {@value Headers#STEP_CATEGORY}, unless the
 * failure names its own (an illegal move, a mapping error…).
 */
@Component
class StepFailures {
    private final ProcessExceptions exceptions;

    StepFailures(ProcessExceptions exceptions) {
        this.exceptions = exceptions;
    }

    public void record(Exchange exchange) {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String orderId = exchange.getMessage().getHeader(Headers.ORDER_ID, String.class);
        String step = exchange.getProperty(Exchange.FAILURE_ROUTE_ID, exchange.getFromRouteId(), String.class);
        ProcessException.Category category =
                exchange.getProperty(Headers.STEP_CATEGORY, ProcessException.Category.class);
        if (orderId == null) {
            throw new IllegalStateException("step " + step + " failed without an order id", cause);
        }
        if (category == null) {
            throw new IllegalStateException("step " + step + " declares no " + Headers.STEP_CATEGORY, cause);
        }
        exchange.getMessage().setHeader(Headers.PE_NUMBER, exceptions.recordStep(orderId, step, category, cause));
    }
}
