package dev.orderhub.credit;

import dev.orderhub.exception.PermanentFailure;

/** No credit memo has this number (404); a retry will not find it either. */
public final class CreditMemoNotFoundException extends PermanentFailure {
    private static final long serialVersionUID = 1L;

    CreditMemoNotFoundException(String number) {
        super("credit memo " + number + " not found");
    }
}
