package dev.orderhub.exception;

/**
 * An outside system refused a request for good: a decline, a validation error, any other 4xx. Permanent; {@code code}
 * is the system's own reason code when it gives one (Stripe's {@code decline_code}, AvaTax's error code).
 */
public class ConnectorRefused extends PermanentFailure {
    private final String code;

    public ConnectorRefused(String message, String code) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
