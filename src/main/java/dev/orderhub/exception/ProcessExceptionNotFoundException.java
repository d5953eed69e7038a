package dev.orderhub.exception;

/** No process exception has this number. */
public class ProcessExceptionNotFoundException extends RuntimeException {
    ProcessExceptionNotFoundException(String number) {
        super("no process exception " + number);
    }
}
