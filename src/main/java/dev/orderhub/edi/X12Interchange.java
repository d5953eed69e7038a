package dev.orderhub.edi;

import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * One interchange (ISA...IEA) as read.
 *
 * @param envelope the ISA fields, as in each set's {@code interchange} object (ids trimmed of their padding):
 *                 senderQualifier, senderId, receiverQualifier, receiverId, date, time, controlVersion (ISA12),
 *                 controlNumber, ackRequested, usage (T or P), and the separators read from ISA: elementSeparator,
 *                 componentSeparator, repetitionSeparator (when one is declared), segmentTerminator
 * @param groups   the functional groups, in order
 * @param errors   the interchange's own errors (ISA/IEA problems, a truncated file): what a TA1 reports
 */
public record X12Interchange(ObjectNode envelope, List<X12Group> groups, List<X12Error> errors) {

    public X12Interchange {
        groups = List.copyOf(groups);
        errors = List.copyOf(errors);
    }

    public String senderQualifier() {
        return envelope.path("senderQualifier").asString("");
    }

    /** ISA06 without its padding. */
    public String senderId() {
        return envelope.path("senderId").asString("");
    }

    public String receiverQualifier() {
        return envelope.path("receiverQualifier").asString("");
    }

    public String receiverId() {
        return envelope.path("receiverId").asString("");
    }

    /** ISA13. */
    public String controlNumber() {
        return envelope.path("controlNumber").asString("");
    }

    /** ISA15: T (test) or P (production). */
    public String usage() {
        return envelope.path("usage").asString("");
    }

    /** ISA09: the interchange date, YYMMDD. */
    public String date() {
        return envelope.path("date").asString("");
    }

    /**
     * What makes an interchange the same one sent again: sender, receiver, ISA13, usage and date. A partner moving
     * from test to production, or restarting its control numbers in a later year, sends a new interchange.
     */
    public String duplicateKey() {
        return String.join(
                "/",
                senderQualifier() + ":" + senderId(),
                receiverQualifier() + ":" + receiverId(),
                controlNumber(),
                usage(),
                date());
    }

    /** Every transaction set of every group, in order. */
    public List<X12TransactionSet> sets() {
        return groups.stream().flatMap(g -> g.sets().stream()).toList();
    }

    /** The TA104 verdict: REJECTED when the envelope itself is in error, else ACCEPTED. */
    public AckStatus status() {
        return errors.isEmpty() ? AckStatus.ACCEPTED : AckStatus.REJECTED;
    }

    /** The TA105 note code: the first interchange error's, or {@code 000} (no error). */
    public String noteCode() {
        return errors.stream()
                .map(X12Error::x12Code)
                .filter(c -> c != null)
                .findFirst()
                .orElse("000");
    }
}
