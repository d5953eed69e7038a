package dev.orderhub.exception;

/** No process exception has this number. */
public class ProcessExceptionNotFoundException extends RuntimeException {
    public ProcessExceptionNotFoundException(String number) {
        super("no process exception " + number);
    }
}
