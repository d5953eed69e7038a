package dev.orderhub.edi;

import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * One functional group (GS...GE) as read: the unit a 997 acknowledges.
 *
 * @param envelope     the GS fields, as in each set's {@code group} object: functionalId, senderId, receiverId, date,
 *                     time, controlNumber, agency, version (six characters) and release (all of GS08)
 * @param declaredSets GE01, the number of sets the sender says the group holds (-1 when GE is missing)
 * @param sets         the transaction sets, in order
 * @param errors       the group's own errors (GS/GE: counts, control numbers, a missing GE)
 */
public record X12Group(ObjectNode envelope, int declaredSets, List<X12TransactionSet> sets, List<X12Error> errors) {

    public X12Group {
        sets = List.copyOf(sets);
        errors = List.copyOf(errors);
    }

    /** GS01, e.g. {@code PO}. */
    public String functionalId() {
        return envelope.path("functionalId").asString("");
    }

    /** GS06. */
    public String controlNumber() {
        return envelope.path("controlNumber").asString("");
    }

    /** The first six characters of GS08. */
    public String version() {
        return envelope.path("version").asString("");
    }

    /** The number of sets accepted (with or without noted errors). */
    public int acceptedCount() {
        return (int) sets.stream().filter(X12TransactionSet::accepted).count();
    }

    /**
     * The group's AK9 verdict: REJECTED on a group error or when no set is accepted, PARTIALLY_ACCEPTED when only some
     * are, ACCEPTED_WITH_ERRORS when all are but some with errors, else ACCEPTED.
     */
    public AckStatus status() {
        int accepted = acceptedCount();
        if (!errors.isEmpty() || (accepted == 0 && !sets.isEmpty())) {
            return AckStatus.REJECTED;
        }
        if (accepted < sets.size()) {
            return AckStatus.PARTIALLY_ACCEPTED;
        }
        boolean clean = sets.stream().allMatch(s -> s.status() == AckStatus.ACCEPTED);
        return clean ? AckStatus.ACCEPTED : AckStatus.ACCEPTED_WITH_ERRORS;
    }
}
