package dev.orderhub.edi;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds hand-made X12 for tests. Segments are written in one canonical form ({@code *} elements, {@code >}
 * components, {@code ^} repetitions, {@code ~} + line feed after each segment), counts and control trailers are
 * computed, and {@link #in(Style, String)} re-writes the whole interchange in a partner's separators. Tests break a
 * sample by editing the canonical text before converting it.
 */
final class Samples {
    private Samples() {}

    /** A partner's separators; {@code terminator} is what ends a segment, line break included. */
    record Style(char element, char component, char repetition, String terminator) {}

    static final Style TILDE_LINES = new Style('*', '>', '^', "~\n");
    static final Style TILDE_NO_BREAKS = new Style('*', ':', '^', "~");
    static final Style PIPE_NEWLINE = new Style('|', ':', '^', "\n");
    static final Style CRLF = new Style('*', '>', '^', "\r\n");
    static final Style BANG = new Style('^', '\\', '|', "!");

    record Group(String control, String release, List<List<String>> sets) {}

    /** A PO group (GS*PO) of 850 sets; each set is its segments between ST and SE. */
    @SafeVarargs
    static Group group(String control, String release, List<String>... sets) {
        return new Group(control, release, List.of(sets));
    }

    /** The canonical text of an interchange from DEMOPARTNER to ORDERHUB. */
    static String interchange(String controlVersion, String isaControl, Group... groups) {
        return interchange(controlVersion, isaControl, "850", groups);
    }

    static String interchange(String controlVersion, String isaControl, String setId, Group... groups) {
        List<String> segments = new ArrayList<>();
        segments.add(String.join(
                "*",
                "ISA",
                "00",
                " ".repeat(10),
                "00",
                " ".repeat(10),
                "ZZ",
                String.format("%-15s", "DEMOPARTNER"),
                "ZZ",
                String.format("%-15s", "ORDERHUB"),
                "261102",
                "0930",
                controlVersion.startsWith("00501") ? "^" : "U",
                controlVersion,
                isaControl,
                "0",
                "T",
                ">"));
        int st = 0;
        for (Group group : groups) {
            segments.add("GS*PO*DEMOPARTNER*ORDERHUB*20261102*0930*" + group.control() + "*X*" + group.release());
            for (List<String> body : group.sets()) {
                String control = String.format("%04d", ++st);
                segments.add("ST*" + setId + "*" + control);
                segments.addAll(body);
                segments.add("SE*" + (body.size() + 2) + "*" + control);
            }
            segments.add("GE*" + group.sets().size() + "*" + group.control());
        }
        segments.add("IEA*" + groups.length + "*" + isaControl);
        return String.join("~\n", segments) + "~\n";
    }

    /** The canonical text in another style. */
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

    /** A complete, valid 850 body: header, ship-to with address, two PO1 lines. */
    static List<String> po(String poNumber) {
        return List.of(
                "BEG*00*SA*" + poNumber + "**20261102",
                "CUR*BY*USD",
                "REF*DP*042",
                "PER*BD*Riley Chen*TE*+1-555-0100*EM*riley@acme.example",
                "SAC*C*D240***2000",
                "ITD*08*3*2**10**30",
                "DTM*002*20261110",
                "N1*ST*Acme DC",
                "N3*9 Dock Rd",
                "N4*Austin*TX*78744",
                "PO1*1*4*EA*129.00**VP*DRILL-18V*UP*012345678905",
                "PID*F****Cordless drill 18V",
                "SAC*A*C310***2580**********contract 5%",
                "PO1*2*10*EA*4.5**VP*BIT-SET-10",
                "CTT*2");
    }

    /** A small valid 850 body. */
    static List<String> smallPo(String poNumber) {
        return List.of(
                "BEG*00*SA*" + poNumber + "**20261102",
                "N1*ST**92*0791",
                "PO1**6*EA***VP*SAW-7",
                "CTP**CON*89.99",
                "CTT*1");
    }
}
