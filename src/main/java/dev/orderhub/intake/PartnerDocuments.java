package dev.orderhub.intake;

import java.io.InputStream;

/** A reader for a partner document format beyond CSV and XML (EDI), found by file extension. */
public interface PartnerDocuments {
    boolean reads(String extension);

    /** Reads the whole file: stores its orders, records its failures, writes any acknowledgements. */
    void read(Partner partner, String fileName, InputStream in);
}
