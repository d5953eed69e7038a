package dev.orderhub.servicing;

import dev.orderhub.exception.PermanentFailure;

/** No return order has this RMA number; a receipt for it will not pass by retrying. */
public final class ReturnNotFoundException extends PermanentFailure {
    private static final long serialVersionUID = 1L;

    ReturnNotFoundException(String rma) {
        super("return order " + rma + " not found");
    }
}
