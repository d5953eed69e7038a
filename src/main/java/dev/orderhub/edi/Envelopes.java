package dev.orderhub.edi;

import tools.jackson.databind.JsonNode;

/** Rebuilds the ISA/GS envelope a set came in (from the reader's JSON view), to read that set again on replay. */
final class Envelopes {
    private Envelopes() {}

    static String wrap(JsonNode isa, JsonNode gs, String rawSet) {
        String e = isa.path("elementSeparator").asString("*");
        String t = isa.path("segmentTerminator").asString("~");
        String version = isa.path("controlVersion").asString("00401");
        String repetition = version.compareTo("00402") >= 0
                ? isa.path("repetitionSeparator").asString("^")
                : "U";
        String control = isa.path("controlNumber").asString();
        String set = rawSet.strip();
        if (!set.endsWith(t)) {
            set = set + t;
        }
        return String.join(
                        e,
                        "ISA",
                        "00",
                        " ".repeat(10),
                        "00",
                        " ".repeat(10),
                        isa.path("senderQualifier").asString(),
                        pad(isa.path("senderId").asString()),
                        isa.path("receiverQualifier").asString(),
                        pad(isa.path("receiverId").asString()),
                        isa.path("date").asString(),
                        isa.path("time").asString(),
                        repetition,
                        version,
                        control,
                        "0",
                        isa.path("usage").asString("T"),
                        isa.path("componentSeparator").asString(">"))
                + t + "\n"
                + String.join(
                        e,
                        "GS",
                        gs.path("functionalId").asString("PO"),
                        gs.path("senderId").asString(),
                        gs.path("receiverId").asString(),
                        gs.path("date").asString(),
                        gs.path("time").asString(),
                        gs.path("controlNumber").asString(),
                        gs.path("agency").asString("X"),
                        gs.path("release").asString())
                + t + "\n"
                + set + "\n"
                + String.join(e, "GE", "1", gs.path("controlNumber").asString()) + t + "\n"
                + String.join(e, "IEA", "1", control) + t + "\n";
    }

    private static String pad(String id) {
        return String.format("%-15s", id);
    }
}
