package dev.orderhub.edi;

/**
 * Hands out the control numbers of outbound X12 (ISA13, GS06, ST02), per partner and kind. They must be unique and
 * survive restarts, so that a partner can detect duplicates and gaps: production backs this with a database table.
 */
@FunctionalInterface
interface ControlNumbers {
    /** ISA13, nine digits at most. */
    String INTERCHANGE = "ISA";
    /** GS06, nine digits at most. */
    String GROUP = "GS";
    /** ST02, written with at least four digits. */
    String SET = "ST";

    /**
     * The next control number of a kind for a partner: positive, increasing, never handed out twice.
     *
     * @param kind {@link #INTERCHANGE}, {@link #GROUP} or {@link #SET}
     */
    long next(String partnerId, String kind);
}
