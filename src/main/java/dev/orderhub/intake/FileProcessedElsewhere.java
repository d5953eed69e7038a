package dev.orderhub.intake;

/**
 * A partner file another instance has read already (its claim is finished). The exchange fails without a process
 * exception (error policy {@code file-errors}), so that this instance does not commit the file: committing would move
 * it to {@code .done/} again, replacing the copy the owner moved there.
 */
public class FileProcessedElsewhere extends RuntimeException {
    FileProcessedElsewhere(String message) {
        super(message, null, false, false);
    }
}
