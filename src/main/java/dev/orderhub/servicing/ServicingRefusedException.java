package dev.orderhub.servicing;

import dev.orderhub.exception.PermanentFailure;

/**
 * A servicing request a rule refuses: {@code conflict} when it conflicts with the current state of the order or the
 * return order (answered 409), else the request itself breaks the rule (422). {@code rule} names it.
 */
public final class ServicingRefusedException extends PermanentFailure {
    private static final long serialVersionUID = 1L;

    private final String rule;
    private final boolean conflict;

    private ServicingRefusedException(String rule, boolean conflict) {
        super(rule);
        this.rule = rule;
        this.conflict = conflict;
    }

    public static ServicingRefusedException rule(String rule) {
        return new ServicingRefusedException(rule, false);
    }

    public static ServicingRefusedException conflict(String rule) {
        return new ServicingRefusedException(rule, true);
    }

    public String rule() {
        return rule;
    }

    public boolean conflict() {
        return conflict;
    }
}
