package dev.orderhub.edi;

/**
 * An outbound X12 interchange, ready to write to the partner's outbox.
 *
 * @param kind          what it carries: the transaction set id ({@code 997}, {@code 855}, {@code 856}, {@code 810}),
 *                      or {@code TA1} for an interchange acknowledgment
 * @param partnerId     the hub's partner id (the connector file's name)
 * @param controlNumber ISA13 of the interchange
 * @param text          the interchange, in the partner's version and separators
 */
record X12Document(String kind, String partnerId, long controlNumber, String text) {

    /** The outbox file name, set id first so partners and operators can sort by it: {@code 997-demo-000000042.edi}. */
    public String fileName() {
        return fileName(kind, partnerId, controlNumber);
    }

    /** The file name for any kind, partner and interchange control number. */
    public static String fileName(String kind, String partnerId, long controlNumber) {
        return kind + "-" + partnerId + "-" + String.format("%09d", controlNumber) + ".edi";
    }
}
