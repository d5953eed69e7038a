package dev.orderhub.edi;

/**
 * The input is not an X12 interchange at all (no readable ISA): nothing can be acknowledged, the file goes to the
 * inbox's {@code .error/} folder. Problems inside a readable interchange are {@link X12Error}s instead.
 */
class X12ReadException extends RuntimeException {
    public X12ReadException(String message, Throwable cause) {
        super(message, cause);
    }
}
