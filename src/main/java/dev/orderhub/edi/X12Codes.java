package dev.orderhub.edi;

import io.xlate.edi.stream.EDIStreamValidationError;
import java.util.Map;

/**
 * X12's acknowledgment code lists (997 AK304, AK403, AK502, AK905; TA1 TA105) for StAEDI's validation errors, so that
 * the reader can store each error with the code a 997 or TA1 must carry.
 */
final class X12Codes {
    private X12Codes() {
    }

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
    private static final String[] ISA_NOTES = {"", "010", "011", "012", "013", "005", "006", "007", "008", "014", "015",
        "016", "017", "018", "019", "020", "027"};

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

    /** TA105 note codes for the problems this package detects itself. */
    static final Map<String, String> ENVELOPE_NOTES = Map.of(
            "PREMATURE_END_OF_FILE", "023",
            "INVALID_CONTROL_STRUCTURE", "022",
            "UNKNOWN_SENDER", "006");
}
