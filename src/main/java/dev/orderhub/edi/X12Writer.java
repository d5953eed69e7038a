package dev.orderhub.edi;

import java.time.Clock;

/**
 * Writes the X12 orderhub sends to a trading partner, each as its own interchange (ISA/GS/ST...SE/GE/IEA, or ISA/TA1/
 * IEA) in the partner's version and separators, with control numbers from {@link ControlNumbers}. Every document is
 * validated by StAEDI while it is written (envelope and orderhub's schema for the set); an invalid one fails with
 * {@link IllegalArgumentException} naming each violation, and never reaches the partner.
 */
final class X12Writer {
    private final ControlNumbers numbers;
    private final Clock clock;

    /** @param clock the time written to ISA09/10, GS04/05 and the documents' own "created" dates */
    public X12Writer(ControlNumbers numbers, Clock clock) {
        this.numbers = numbers;
        this.clock = clock;
    }

    public X12Writer(ControlNumbers numbers) {
        this(numbers, Clock.systemUTC());
    }

    /**
     * The 997 for one received functional group: each set accepted (AK5*A), accepted with errors (E) or rejected
     * (R), its segment errors as AK3 (segment id, position in the set, AK304 code) with AK4 per element (position,
     * element number, AK403 code, copy of the bad data), and the group's AK9. A set whose ST01/ST02 cannot be
     * echoed in valid X12 gets no AK2 (X12 allows leaving AK2 loops out) but counts as rejected in AK9; a group
     * whose GS06 is no number cannot be acknowledged at all (IllegalArgumentException): answer it with a TA1.
     */
    public X12Document functionalAck997(PartnerEnvelope partner, X12Group group) {
        X12Output out = X12Output.open(partner, numbers, clock).begin("FA", "997");
        FunctionalAcks.write997(out, group);
        return out.end().finish("997");
    }

    /** The TA1 for a received interchange, with its own verdict: REJECTED and the first error's note code if the
     * envelope is in error, else ACCEPTED with {@code 000}. */
    public X12Document ta1(PartnerEnvelope partner, X12Interchange received) {
        return ta1(partner, received, received.status(), received.noteCode());
    }

    /**
     * A TA1 with a verdict the caller decided, e.g. REJECTED with {@code 006} (invalid sender id) for an interchange
     * from an unknown sender (answer it with {@link PartnerEnvelope#answering}).
     */
    public X12Document ta1(PartnerEnvelope partner, X12Interchange received, AckStatus status, String noteCode) {
        X12Output out = X12Output.open(partner, numbers, clock);
        FunctionalAcks.writeTa1(out, received, status, noteCode);
        return out.finish("TA1");
    }

    /** The 855 for one PO: BAK (AD accepted, AC accepted with changes, RJ rejected), PO1 + ACK per line, CTT. */
    public X12Document poAck855(PartnerEnvelope partner, PoAck ack) {
        X12Output out = X12Output.open(partner, numbers, clock).begin("PR", "855");
        BusinessDocuments.write855(out, ack);
        return out.end().finish("855");
    }

    /** The 856 for one shipment: BSN; HL shipment (TD5, REF*CN, DTM*011, N1*ST) -> order (PRF) -> item (LIN, SN1). */
    public X12Document shipNotice856(PartnerEnvelope partner, ShipNotice notice) {
        X12Output out = X12Output.open(partner, numbers, clock).begin("SH", "856");
        BusinessDocuments.write856(out, notice);
        return out.end().finish("856");
    }

    /** The 180 for one authorised return order: BGN (RMA), PRF, DTM, N9, then a BLI loop (BLI, N9*LI, PID) per line. */
    public X12Document returnAuthorization180(PartnerEnvelope partner, ReturnAuthorization authorization) {
        X12Output out = X12Output.open(partner, numbers, clock).begin("AN", "180");
        BusinessDocuments.write180(out, authorization);
        return out.end().finish("180");
    }

    /**
     * The 812 for one credit memo: BCD (number, total in cents, C), CUR, a CDD loop (CDD, LIN or PID) per credited
     * line and charge.
     */
    public X12Document creditAdjustment812(PartnerEnvelope partner, CreditAdjustment memo) {
        X12Output out = X12Output.open(partner, numbers, clock).begin("CD", "812");
        CreditAdjustments.write812(out, memo);
        return out.end().finish("812");
    }

    /** The 810 for one invoice: BIG, CUR, IT1 (+ PID) per line, TDS total in cents, TXI tax, SAC charges, CTT. */
    public X12Document invoice810(PartnerEnvelope partner, InvoiceDocument invoice) {
        X12Output out = X12Output.open(partner, numbers, clock).begin("IN", "810");
        BusinessDocuments.write810(out, invoice);
        return out.end().finish("810");
    }
}
