package dev.orderhub.lifecycle;

/** The moves {@link Lifecycle} knows; named in {@link IllegalMoveException} when one is refused. */
public enum Move {
    ACCEPT,
    WAIT_FOR_APPROVAL,
    APPROVE,
    REJECT,
    ALLOCATE,
    DEALLOCATE,
    FULFIL,
    CANCEL,
    RETURN_INITIATE,
    RETURN,
    RETURN_RELEASE,
    RESHIP,
    CLOSE,
    HOLD,
    RELEASE
}
