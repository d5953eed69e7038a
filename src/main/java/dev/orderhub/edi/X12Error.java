package dev.orderhub.edi;

import java.util.Set;

/**
 * One problem found while reading an interchange, located precisely enough to acknowledge it: a 997 names a SEGMENT or
 * ELEMENT error in AK3/AK4 and a SET error in AK5, a GROUP error in AK9, a TA1 an INTERCHANGE error.
 *
 * @param level     where the problem stands, which decides the acknowledgment segment that reports it
 * @param segment   the segment id at fault (for a missing segment, the one that is missing), e.g. {@code BEG}
 * @param position  the segment's position: within its transaction set (ST = 1) for SET, SEGMENT and ELEMENT errors,
 *                  within the interchange (ISA = 1) for GROUP and INTERCHANGE errors
 * @param element   the element position in the segment (1-based), 0 when the error is about the whole segment
 * @param component the component position in a composite element (1-based), 0 when none
 * @param reference the X12 data element number of the element at fault (e.g. {@code 373}), or null
 * @param error     StAEDI's {@code EDIStreamValidationError} name, or one of this package's own envelope errors
 *                  ({@code TRANSACTION_SET_TRAILER_MISSING}, {@code UNSUPPORTED_TRANSACTION_SET},
 *                  {@code FUNCTIONAL_GROUP_TRAILER_MISSING}, {@code PREMATURE_END_OF_FILE})
 * @param x12Code   the X12 code for {@code error} at this level (AK304, AK403, AK502, AK905 or TA105), or null
 * @param data      a copy of the bad data (for AK404), or null
 */
record X12Error(
        Level level,
        String segment,
        int position,
        int element,
        int component,
        String reference,
        String error,
        String x12Code,
        String data) {

    /** Segments whose data is a person's: names, address lines, contacts (phone, e-mail). */
    private static final Set<String> PERSONAL_SEGMENTS = Set.of("N1", "N2", "N3", "N4", "PER");

    /** Where an error stands in the interchange. */
    public enum Level {
        INTERCHANGE,
        GROUP,
        SET,
        SEGMENT,
        ELEMENT
    }

    /** Errors that leave a set usable: a segment the set does not define is skipped, everything else is kept. */
    boolean tolerable() {
        return level == Level.SEGMENT
                && ("UNRECOGNIZED_SEGMENT_ID".equals(error) || "SEGMENT_NOT_IN_DEFINED_TRANSACTION_SET".equals(error));
    }

    /**
     * A one-line description for logs and process exceptions, e.g. {@code BEG05 (373) at segment 2: INVALID_DATE},
     * quoting the bad data unless the segment holds personal data.
     */
    public String describe() {
        StringBuilder text = new StringBuilder(segment == null ? "?" : segment);
        if (element > 0) {
            text.append(element < 10 ? "0" : "").append(element);
            if (component > 0) {
                text.append('-').append(component);
            }
        }
        if (reference != null) {
            text.append(" (").append(reference).append(')');
        }
        text.append(level == Level.GROUP || level == Level.INTERCHANGE ? " at interchange segment " : " at segment ")
                .append(position)
                .append(": ")
                .append(error);
        if (x12Code != null) {
            text.append(" [").append(x12Code).append(']');
        }
        if (data != null && !data.isEmpty() && !PERSONAL_SEGMENTS.contains(segment)) {
            text.append(" '").append(data).append('\'');
        }
        return text.toString();
    }

    @Override
    public String toString() {
        return describe();
    }
}
