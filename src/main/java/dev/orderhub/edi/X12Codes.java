package dev.orderhub.edi;

import io.xlate.edi.stream.EDIStreamValidationError;

/**
 * X12's acknowledgment code lists (997 AK304, AK403, AK502, AK905; TA1 TA105) for StAEDI's validation errors, so that
 * the reader can store each error with the code a 997 or TA1 must carry.
 */
final class X12Codes {
    private X12Codes() {}

    /** AK304 Segment Syntax Error Code. */
    static String segment(EDIStreamValidationError error) {
        return switch (error) {
            case UNRECOGNIZED_SEGMENT_ID -> "1";
            case UNEXPECTED_SEGMENT, SEGMENT_EXCLUSION_CONDITION_VIOLATED -> "2";
            case MANDATORY_SEGMENT_MISSING, CONDITIONAL_REQUIRED_SEGMENT_MISSING -> "3";
            case LOOP_OCCURS_OVER_MAXIMUM_TIMES -> "4";
            case SEGMENT_EXCEEDS_MAXIMUM_USE -> "5";
            case SEGMENT_NOT_IN_DEFINED_TRANSACTION_SET -> "6";
            case SEGMENT_NOT_IN_PROPER_SEQUENCE -> "7";
            case SEGMENT_HAS_DATA_ELEMENT_ERRORS -> "8";
            case IMPLEMENTATION_UNUSED_SEGMENT_PRESENT -> "I4";
            case IMPLEMENTATION_DEPENDENT_SEGMENT_MISSING -> "I6";
            case IMPLEMENTATION_LOOP_OCCURS_UNDER_MINIMUM_TIMES -> "I7";
            case IMPLEMENTATION_SEGMENT_BELOW_MINIMUM_USE -> "I8";
            case IMPLEMENTATION_DEPENDENT_UNUSED_SEGMENT_PRESENT -> "I9";
            default -> "8";
        };
    }

    /** AK403 Data Element Syntax Error Code. */
    static String element(EDIStreamValidationError error) {
        return switch (error) {
            case REQUIRED_DATA_ELEMENT_MISSING -> "1";
            case CONDITIONAL_REQUIRED_DATA_ELEMENT_MISSING -> "2";
            case TOO_MANY_DATA_ELEMENTS -> "3";
            case DATA_ELEMENT_TOO_SHORT -> "4";
            case DATA_ELEMENT_TOO_LONG -> "5";
            case INVALID_CHARACTER_DATA -> "6";
            case INVALID_CODE_VALUE -> "7";
            case INVALID_DATE -> "8";
            case INVALID_TIME -> "9";
            case EXCLUSION_CONDITION_VIOLATED -> "10";
            case TOO_MANY_REPETITIONS -> "12";
            case TOO_MANY_COMPONENTS -> "13";
            case IMPLEMENTATION_INVALID_CODE_VALUE -> "I6";
            case IMPLEMENTATION_DEPENDENT_DATA_ELEMENT_MISSING -> "I9";
            case IMPLEMENTATION_UNUSED_DATA_ELEMENT_PRESENT -> "I10";
            case IMPLEMENTATION_TOO_FEW_REPETITIONS -> "I11";
            case IMPLEMENTATION_PATTERN_MATCH_FAILURE -> "I12";
            case IMPLEMENTATION_DEPENDENT_UNUSED_DATA_ELEMENT_PRESENT -> "I13";
            default -> "7";
        };
    }

    /** AK502 Transaction Set Syntax Error Code for an error in ST or SE. */
    static String set(String segment, int element, EDIStreamValidationError error) {
        if (error == EDIStreamValidationError.CONTROL_REFERENCE_MISMATCH) {
            return "3";
        }
        if (error == EDIStreamValidationError.CONTROL_COUNT_DOES_NOT_MATCH_ACTUAL_COUNT) {
            return "4";
        }
        return "ST".equals(segment) && element == 1 ? "6" : "7";
    }

    /** AK905 Functional Group Syntax Error Code for an error in GS or GE; null where X12 has no code for it. */
    static String group(String segment, int element, EDIStreamValidationError error) {
        if (error == EDIStreamValidationError.CONTROL_REFERENCE_MISMATCH) {
            return "4";
        }
        if (error == EDIStreamValidationError.CONTROL_COUNT_DOES_NOT_MATCH_ACTUAL_COUNT) {
            return "5";
        }
        if ("GS".equals(segment)) {
            return switch (element) {
                case 1 -> "1";
                case 6 -> "6";
                case 8 -> "2";
                default -> null;
            };
        }
        return null;
    }

    // TA105 Interchange Note Code by ISA element position: 1..16 -> the "invalid value" note for that element
    private static final String[] ISA_NOTES = {
        "", "010", "011", "012", "013", "005", "006", "007", "008", "014", "015", "016", "017", "018", "019", "020",
        "027"
    };

    /** TA105 Interchange Note Code for an error in ISA or IEA. */
    static String interchange(String segment, int element, EDIStreamValidationError error) {
        if ("IEA".equals(segment)) {
            return error == EDIStreamValidationError.CONTROL_REFERENCE_MISMATCH || element == 2 ? "001" : "021";
        }
        if ("ISA".equals(segment) && element >= 1 && element < ISA_NOTES.length) {
            return ISA_NOTES[element];
        }
        return "024";
    }

    /**
     * A segment-level problem at its level: within a set an AK3 error (a missing SE is the set's trailer error);
     * between sets a group error (a missing GE has its AK905 code); elsewhere an interchange error (TA105 024,
     * invalid interchange content).
     */
    static X12Error segmentError(X12Error.Level level, String segment, int position, EDIStreamValidationError error) {
        boolean missing = error == EDIStreamValidationError.MANDATORY_SEGMENT_MISSING;
        if (missing && level == X12Error.Level.SEGMENT && "SE".equals(segment)) {
            return trailerMissing(X12Error.Level.SET, position);
        }
        if (missing && level == X12Error.Level.GROUP && "GE".equals(segment)) {
            return trailerMissing(X12Error.Level.GROUP, position);
        }
        String code = switch (level) {
            case SEGMENT -> segment(error);
            case INTERCHANGE -> "024";
            default -> null;
        };
        return new X12Error(level, segment, position, 0, 0, null, error.name(), code, null);
    }

    /** An element problem, at the level its segment decides: ISA/IEA interchange, GS/GE group, ST/SE set. */
    static X12Error elementError(
            String segment,
            int position,
            int element,
            int component,
            String reference,
            EDIStreamValidationError error,
            String data) {
        X12Error.Level level;
        String code;
        switch (segment) {
            case "ISA", "IEA" -> {
                level = X12Error.Level.INTERCHANGE;
                code = interchange(segment, element, error);
            }
            case "GS", "GE" -> {
                level = X12Error.Level.GROUP;
                code = group(segment, element, error);
            }
            case "ST", "SE" -> {
                level = X12Error.Level.SET;
                code = set(segment, element, error);
            }
            default -> {
                level = X12Error.Level.ELEMENT;
                code = element(error);
            }
        }
        return new X12Error(level, segment, position, element, component, reference, error.name(), code, data);
    }

    /** A set without SE (AK502 2) or a group without GE (AK905 3). */
    static X12Error trailerMissing(X12Error.Level level, int position) {
        return level == X12Error.Level.SET
                ? new X12Error(level, "SE", position, 0, 0, null, "TRANSACTION_SET_TRAILER_MISSING", "2", null)
                : new X12Error(level, "GE", position, 0, 0, null, "FUNCTIONAL_GROUP_TRAILER_MISSING", "3", null);
    }
}
