package dev.orderhub.edi;

import dev.orderhub.exception.CategorizedFailure;
import dev.orderhub.exception.PermanentFailure;
import dev.orderhub.exception.ProcessException;

/** An inbound interchange or set that cannot become an order (unknown sender, rejected set, unknown ship-to…). */
public class EdiFailure extends PermanentFailure implements CategorizedFailure {
    public EdiFailure(String message) {
        super(message);
    }

    public EdiFailure(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public ProcessException.Category category() {
        return ProcessException.Category.EDI;
    }
}
