package dev.orderhub.edi;

/** The verdict a 997 gives a transaction set (AK501) or a functional group (AK901), a TA1 an interchange (TA104). */
enum AckStatus {
    /** Accepted: no errors. */
    ACCEPTED("A"),
    /** Accepted, but errors were noted: the content can be used (e.g. an unknown extra segment was skipped). */
    ACCEPTED_WITH_ERRORS("E"),
    /** Some sets of a group accepted, others rejected (AK9 only). */
    PARTIALLY_ACCEPTED("P"),
    /** Rejected: the content must not be used. */
    REJECTED("R");

    private final String code;

    AckStatus(String code) {
        this.code = code;
    }

    /** The X12 code: A, E, P or R. */
    public String code() {
        return code;
    }
}
