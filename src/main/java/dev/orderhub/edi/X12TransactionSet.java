package dev.orderhub.edi;

import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * One transaction set (ST...SE) as read: its JSON view for the mappings, its raw text for process exceptions, and the
 * errors found in it.
 *
 * @param id            ST01, e.g. {@code 850}
 * @param controlNumber ST02
 * @param version       the group's version: the first six characters of GS08 ({@code 004010VICS} is {@code 004010})
 * @param json          the JSON view (see {@link X12Json}): {@code interchange}, {@code group}, {@code set}, then the
 *                      set's segments and loops by segment id
 * @param raw           the set's text from ST to SE as received, with the partner's separators and line breaks
 * @param errors        the set's errors: SET level (ST/SE problems) and SEGMENT and ELEMENT level (schema validation)
 */
public record X12TransactionSet(
        String id, String controlNumber, String version, ObjectNode json, String raw, List<X12Error> errors) {

    public X12TransactionSet {
        errors = List.copyOf(errors);
    }

    /**
     * The set as an acknowledgement needs it: its ids, version, errors and ST fields ({@code set} in its JSON
     * view), without its segments or raw text, so that a group's sets can be acknowledged once their content is gone.
     */
    public X12TransactionSet withoutContent() {
        ObjectNode header = JsonNodeFactory.instance.objectNode();
        if (json.has("set")) {
            header.set("set", json.get("set"));
        }
        return new X12TransactionSet(id, controlNumber, version, header, "", errors);
    }

    /**
     * REJECTED when any error makes the content unsafe to use; ACCEPTED_WITH_ERRORS when the only errors are segments
     * the set does not define (they are reported and left out of the mapping's view of the standard segments);
     * ACCEPTED otherwise.
     */
    public AckStatus status() {
        if (errors.isEmpty()) {
            return AckStatus.ACCEPTED;
        }
        return errors.stream().allMatch(X12Error::tolerable) ? AckStatus.ACCEPTED_WITH_ERRORS : AckStatus.REJECTED;
    }

    /** True unless the set is rejected: its content may become an order (or be trusted as an acknowledgment). */
    public boolean accepted() {
        return status() != AckStatus.REJECTED;
    }

    /**
     * The business document number where the set has one, for process exceptions' {@code externalReference}: 850
     * BEG03 (the PO number), 855 BAK03, 856 BSN02, 810 BIG02; null when absent.
     */
    public String documentNumber() {
        JsonNode value = switch (id == null ? "" : id) {
            case "850" -> json.path("BEG").path("BEG03");
            case "855" -> json.path("BAK").path("BAK03");
            case "856" -> json.path("BSN").path("BSN02");
            case "810" -> json.path("BIG").path("BIG02");
            default -> null;
        };
        return value != null && value.isString() ? value.stringValue() : null;
    }
}
