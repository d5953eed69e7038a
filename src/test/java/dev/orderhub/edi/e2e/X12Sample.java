package dev.orderhub.edi.e2e;

import java.util.ArrayList;
import java.util.List;

/**
 * Hand-made X12 interchanges as partners send them. A sample is first written in one canonical form ({@code *}
 * elements, {@code >} components, {@code ^} repetitions, {@code ~} and a line feed after each segment) with its
 * counts and control trailers computed, then re-written in a partner's separators with {@link #in(Style)}. Broken
 * samples are made by editing the canonical text (a missing segment, a wrong count, another control number) before
 * it is converted, so that the rest of the interchange stays exactly as a careful partner would send it.
 */
final class X12Sample {

    /** A partner's separators; {@code terminator} is what ends a segment, line break included. */
    record Style(String name, char element, char component, char repetition, String terminator) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** {@code ~} and a line feed, {@code :} components: what partner sftp-test's profile writes. */
    static final Style TILDE_LINES = new Style("tilde+LF, ':' components", '*', ':', '^', "~\n");
    /** {@code ~} with no line breaks at all, {@code >} components. */
    static final Style TILDE_NO_BREAKS = new Style("tilde, no breaks, '>' components", '*', '>', '^', "~");
    /** A line feed as the segment terminator, {@code |} elements. */
    static final Style NEWLINE_PIPE = new Style("LF terminator, '|' elements, '>' components", '|', '>', '^', "\n");
    /** {@code ~} followed by CR LF (files from Windows systems). */
    static final Style TILDE_CRLF = new Style("tilde+CRLF, ':' components", '*', ':', '^', "~\r\n");
    /** {@code !} terminator, {@code ^} elements, {@code \} components, {@code |} repetitions. */
    static final Style BANG = new Style("'!' terminator, '^' elements, '\\' components", '^', '\\', '|', "!");
    /** An apostrophe terminator with a line feed, {@code +} elements, {@code >} components. */
    static final Style APOSTROPHE = new Style("apostrophe+LF, '+' elements", '+', '>', '^', "'\n");

    /** One transaction set: ST01, ST02, ST03 (005010 implementation reference, or null) and the body. */
    record Set(String id, String control, String implementationReference, List<String> body) {
        /** The SE this set gets when its count is right: ST and SE count too. */
        String se() {
            return "SE*" + (body.size() + 2) + "*" + control;
        }
    }

    /** One functional group: GS01, GS06 and GS08, with its sets. */
    record Group(String functionalId, String control, String release, List<Set> sets) {
        String ge() {
            return "GE*" + sets.size() + "*" + control;
        }
    }

    private final String senderQualifier;
    private final String senderId;
    private final String receiverId;
    private final String controlVersion;
    private final String isa13;
    private final List<Group> groups = new ArrayList<>();
    private String date = "261102";
    private String usage = "T";

    private X12Sample(String senderQualifier, String senderId, String receiverId, String controlVersion, String isa13) {
        this.senderQualifier = senderQualifier;
        this.senderId = senderId;
        this.receiverId = receiverId;
        this.controlVersion = controlVersion;
        this.isa13 = isa13;
    }

    /** An interchange from {@code ZZ/<senderId>} to {@code ZZ/ORDERHUB}; ISA12 {@code 00401} or {@code 00501}. */
    static X12Sample interchange(String senderId, String controlVersion, String isa13) {
        return new X12Sample("ZZ", senderId, "ORDERHUB", controlVersion, isa13);
    }

    /** ISA09, the interchange date (YYMMDD); 261102 unless set. */
    X12Sample dated(String yymmdd) {
        this.date = yymmdd;
        return this;
    }

    /** ISA15: T (test, the default) or P (production). */
    X12Sample usage(String indicator) {
        this.usage = indicator;
        return this;
    }

    /** A PO group (GS*PO) of 850 sets in release {@code release} (GS08, e.g. 005010 or 004010VICS). */
    X12Sample group(String control, String release, Set... sets) {
        groups.add(new Group("PO", control, release, List.of(sets)));
        return this;
    }

    /** The canonical text: {@code * > ^} separators, {@code ~} and a line feed after each segment. */
    String canonical() {
        List<String> segments = new ArrayList<>();
        boolean v5010 = controlVersion.startsWith("00501");
        segments.add(String.join(
                "*",
                "ISA",
                "00",
                " ".repeat(10),
                "00",
                " ".repeat(10),
                senderQualifier,
                String.format("%-15s", senderId),
                "ZZ",
                String.format("%-15s", receiverId),
                date,
                "0930",
                v5010 ? "^" : "U",
                controlVersion,
                isa13,
                "0",
                usage,
                ">"));
        for (Group group : groups) {
            segments.add("GS*" + group.functionalId() + "*" + senderId + "*" + receiverId + "*20261102*0930*"
                    + group.control() + "*X*" + group.release());
            for (Set set : group.sets()) {
                segments.add("ST*" + set.id() + "*" + set.control()
                        + (set.implementationReference() == null ? "" : "*" + set.implementationReference()));
                segments.addAll(set.body());
                segments.add(set.se());
            }
            segments.add(group.ge());
        }
        segments.add("IEA*" + groups.size() + "*" + isa13);
        return String.join("~\n", segments) + "~\n";
    }

    /** The interchange in a partner's separators. */
    String in(Style style) {
        return in(style, canonical());
    }

    /** Any canonical text (e.g. one edited to break it) in a partner's separators. */
    static String in(Style style, String canonical) {
        StringBuilder out = new StringBuilder();
        for (String segment : canonical.split("~\n")) {
            StringBuilder converted = new StringBuilder();
            for (char c : segment.toCharArray()) {
                converted.append(
                        switch (c) {
                            case '*' -> style.element();
                            case '>' -> style.component();
                            case '^' -> style.repetition();
                            default -> c;
                        });
            }
            out.append(converted).append(style.terminator());
        }
        return out.toString();
    }

    // ---- 850 bodies ---------------------------------------------------------------------------------------------

    /** An 850 set without ST03. */
    static Set po850(String control, List<String> body) {
        return new Set("850", control, null, body);
    }

    /** An 850 set with ST03 {@code 005010}, the implementation reference many 005010 partners send. */
    static Set po850With5010Reference(String control, List<String> body) {
        return new Set("850", control, "005010", body);
    }

    /**
     * A full 850: currency, references (one with a composite REF04), buyer contact, a freight charge at header level,
     * terms, requested delivery date, ship-to with its own address in California, and two numbered PO1 lines with
     * their price in PO104 (the first with a UPC beside the vendor part number and a description).
     */
    static List<String> fullPo(
            String poNumber, String firstSku, int firstQuantity, String secondSku, int secondQuantity) {
        return List.of(
                "BEG*00*SA*" + poNumber + "**20261102",
                "CUR*BY*USD",
                "REF*DP*042",
                "REF*ZZ*ROUTE 5**DP>042",
                "PER*BD*Riley Chen*TE*1-555-0100*EM*riley@acme.example",
                "SAC*C*D240***1500",
                "ITD*08*3*2**10**30",
                "DTM*002*20261110",
                "N1*ST*Acme West DC",
                "N3*9 Dock Rd",
                "N4*Oakland*CA*94607",
                "PO1*1*" + firstQuantity + "*EA*129.00**VP*" + firstSku + "*UP*012345678905",
                "PID*F****Cordless drill 18V",
                "PO1*2*" + secondQuantity + "*EA*24.5**VP*" + secondSku,
                "CTT*2");
    }

    /**
     * A terse 850 as some partners send it: PO1 lines without a line number, prices in CTP instead of PO104, and the
     * ship-to given only by its store code (N1*ST**92*code, no N3/N4), resolved through the partner's address book.
     */
    static List<String> tersePo(
            String poNumber,
            String storeCode,
            String firstSku,
            int firstQuantity,
            String secondSku,
            int secondQuantity) {
        return List.of(
                "BEG*00*SA*" + poNumber + "**20261102",
                "N1*ST**92*" + storeCode,
                "PO1**" + firstQuantity + "*EA***VP*" + firstSku,
                "CTP**CON*19.99",
                "PO1**" + secondQuantity + "*EA***BP*B-" + secondSku + "*VP*" + secondSku,
                "CTP**CON*7.25",
                "CTT*2");
    }

    /** The smallest 850 with an address: one PO1 line, price in PO104. */
    static List<String> smallPo(String poNumber, String sku, int quantity) {
        return List.of(
                "BEG*00*SA*" + poNumber + "**20261102",
                "N1*ST*Small Shop",
                "N3*1 Main St",
                "N4*Austin*TX*78701*US",
                "PO1*1*" + quantity + "*EA*10.00**VP*" + sku,
                "CTT*1");
    }
}
