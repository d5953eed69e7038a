package dev.orderhub.servicing;

import dev.orderhub.exception.PermanentFailure;
import dev.orderhub.lifecycle.Move;

/**
 * A servicing request a rule refuses: {@code conflict} when it conflicts with the current state of the order or the
 * return order (answered 409), else the request itself breaks the rule (422). {@code rule} names it with a stable
 * kebab-case code ({@code more-than-returnable}, {@code no-such-line}…); the message says it in words for the
 * operator (problem+json's {@code detail}). {@code move} is the lifecycle move refused, when there is one (a cancel).
 */
public final class ServicingRefusedException extends PermanentFailure {
    private static final long serialVersionUID = 1L;

    private final String rule;
    private final boolean conflict;
    private final Move move;

    private ServicingRefusedException(String rule, String detail, boolean conflict, Move move) {
        super(detail);
        this.rule = rule;
        this.conflict = conflict;
        this.move = move;
    }

    /** The request breaks the rule, whose code says it all. */
    public static ServicingRefusedException rule(String rule) {
        return rule(rule, rule);
    }

    /** The request breaks the rule; {@code detail} says how. */
    public static ServicingRefusedException rule(String rule, String detail) {
        return new ServicingRefusedException(rule, detail, false, null);
    }

    /** The request conflicts with the current state; {@code detail} says how. */
    public static ServicingRefusedException conflict(String rule, String detail) {
        return new ServicingRefusedException(rule, detail, true, null);
    }

    /** The same refusal, naming the lifecycle move it refuses. */
    ServicingRefusedException of(Move refused) {
        return new ServicingRefusedException(rule, getMessage(), conflict, refused);
    }

    /** The stable code of the rule. */
    public String rule() {
        return rule;
    }

    public boolean conflict() {
        return conflict;
    }

    /** The lifecycle move refused, or null. */
    public Move move() {
        return move;
    }
}
