package dev.orderhub.exception;

import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/** The error policy's bean for a failed lifecycle step: the stored order goes ON_HOLD; nothing is dead-lettered. */
@Component
public class StepFailures {
    private final ProcessExceptions exceptions;

    StepFailures(ProcessExceptions exceptions) {
        this.exceptions = exceptions;
    }

    public void record(Exchange exchange) {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String orderId = exchange.getMessage().getHeader("orderhubOrderId", String.class);
        String step = exchange.getProperty(Exchange.FAILURE_ROUTE_ID, exchange.getFromRouteId(), String.class);
        if (orderId == null) {
            throw new IllegalStateException("step " + step + " failed without an order id", cause);
        }
        exchange.getMessage().setHeader(DeadLetters.PE_NUMBER, exceptions.recordStep(orderId, step, cause));
    }
}
