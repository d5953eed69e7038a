package dev.orderhub.lifecycle;

/** Thrown when a move is refused; the state it was applied to is unchanged (it is immutable). */
public final class IllegalMoveException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String orderId;
    private final Move move;
    private final String rule;

    public IllegalMoveException(String orderId, Move move, String rule) {
        super("order " + orderId + ": " + move + " refused: " + rule);
        this.orderId = orderId;
        this.move = move;
        this.rule = rule;
    }

    /** The order the move was applied to. */
    String orderId() {
        return orderId;
    }

    /** The refused move. */
    public Move move() {
        return move;
    }

    /** The rule that refused it, in words an operator understands. */
    public String rule() {
        return rule;
    }
}
