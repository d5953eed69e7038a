package dev.orderhub.intake;

import java.io.IOException;
import java.util.Map;
import org.springframework.core.io.InputStreamSource;

/** A reader for a partner document format beyond CSV and XML (EDI), found by file extension. */
public interface PartnerDocuments {
    boolean reads(String extension);

    /**
     * Reads the whole file: stores its orders, records its failures (through {@link FailedItems#record}),
     * writes any acknowledgements. The content may be opened more than once (each stream is closed by the reader).
     */
    void read(PartnerFile file, InputStreamSource content) throws IOException;

    /** Whether this reader replays failed items of this format (e.g. {@code x12-set}). */
    default boolean replays(String format) {
        return false;
    }

    /**
     * Replays one failed item from its process exception's original (maybe corrected by an operator); throws when it
     * fails again. Returns the id of the order it made.
     */
    default String replay(Partner partner, String body, Map<String, Object> headers) {
        throw new IllegalStateException(getClass().getSimpleName() + " replays no format; ask replays(format) first");
    }
}
