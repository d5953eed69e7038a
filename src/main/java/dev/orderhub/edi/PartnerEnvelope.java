package dev.orderhub.edi;

import java.util.HashSet;
import java.util.List;

/**
 * How to address one trading partner in the X12 we write: the ISA and GS ids on both sides, the version and the
 * separators the partner reads. The lead builds it from the partner's connector file.
 *
 * @param partnerId          the hub's partner id: control numbers and file names are kept per partner
 * @param ourQualifier       ISA05 of our interchanges (e.g. {@code ZZ})
 * @param ourId              ISA06, at most 15 characters (padded when written)
 * @param theirQualifier     ISA07
 * @param theirId            ISA08
 * @param ourGroupId         GS02
 * @param theirGroupId       GS03
 * @param version            GS08: {@code 004010} or {@code 005010}, optionally with an industry suffix
 *                           ({@code 004010VICS}); ISA12 follows (00401 or 00501)
 * @param segmentTerminator  e.g. {@code ~} or a line feed
 * @param elementSeparator   e.g. {@code *} or {@code |}
 * @param componentSeparator ISA16, e.g. {@code >} or {@code :}
 * @param repetitionSeparator ISA11 from 005010 on (e.g. {@code ^}); 004010 writes {@code U} there and never repeats
 * @param usage              ISA15: {@code T} test or {@code P} production
 * @param lineBreaks         a line feed after each segment terminator (readable files; partners accept both)
 */
record PartnerEnvelope(
        String partnerId,
        String ourQualifier,
        String ourId,
        String theirQualifier,
        String theirId,
        String ourGroupId,
        String theirGroupId,
        String version,
        char segmentTerminator,
        char elementSeparator,
        char componentSeparator,
        char repetitionSeparator,
        char usage,
        boolean lineBreaks) {

    public PartnerEnvelope {
        require(partnerId != null && !partnerId.isBlank(), "partnerId is required");
        require(ourQualifier != null && ourQualifier.length() == 2, "ourQualifier must have 2 characters");
        require(theirQualifier != null && theirQualifier.length() == 2, "theirQualifier must have 2 characters");
        require(ourId != null && !ourId.isBlank() && ourId.length() <= 15, "ourId must have 1 to 15 characters");
        require(
                theirId != null && !theirId.isBlank() && theirId.length() <= 15,
                "theirId must have 1 to 15 characters");
        require(
                ourGroupId != null && ourGroupId.strip().length() >= 2 && ourGroupId.length() <= 15,
                "ourGroupId must have 2 to 15 characters");
        require(
                theirGroupId != null && theirGroupId.strip().length() >= 2 && theirGroupId.length() <= 15,
                "theirGroupId must have 2 to 15 characters");
        require(
                version != null
                        && (version.startsWith("004010") || version.startsWith("005010"))
                        && version.length() <= 12,
                "version must be 004010 or 005010 (with an optional suffix)");
        require(usage == 'T' || usage == 'P', "usage must be T or P");
        require(
                new HashSet<>(List.of(segmentTerminator, elementSeparator, componentSeparator, repetitionSeparator))
                                .size()
                        == 4,
                "the separators must differ from each other");
        for (char c : new char[] {segmentTerminator, elementSeparator, componentSeparator, repetitionSeparator}) {
            require(!Character.isLetterOrDigit(c) && c != ' ', "a separator may not be a letter, digit or space");
        }
    }

    /** The demo partner's conventions with our ids (004010, {@code ~ * > ^}, line breaks), for ids of both sides. */
    public static PartnerEnvelope of(
            String partnerId,
            String ourQualifier,
            String ourId,
            String theirQualifier,
            String theirId,
            String version,
            char usage) {
        return new PartnerEnvelope(
                partnerId,
                ourQualifier,
                ourId,
                theirQualifier,
                theirId,
                ourId,
                theirId,
                version,
                '~',
                '*',
                '>',
                '^',
                usage,
                true);
    }

    /**
     * An envelope answering a received interchange in its own terms: its sender becomes the receiver, its version
     * (the first group's GS08, else ISA12), separators and usage are kept. For a TA1 to a sender without a partner
     * profile, and for tests.
     */
    public static PartnerEnvelope answering(String partnerId, X12Interchange received) {
        var isa = received.envelope();
        X12Group first = received.groups().isEmpty() ? null : received.groups().get(0);
        String version =
                first != null && !first.envelope().path("release").asString("").isEmpty()
                        ? first.envelope().path("release").asString("")
                        : isa.path("controlVersion").asString("00401").startsWith("00501") ? "005010" : "004010";
        String repetition = isa.path("repetitionSeparator").asString("^");
        return new PartnerEnvelope(
                partnerId,
                received.receiverQualifier(),
                received.receiverId(),
                received.senderQualifier(),
                received.senderId(),
                first == null
                        ? received.receiverId()
                        : first.envelope().path("receiverId").asString(""),
                first == null
                        ? received.senderId()
                        : first.envelope().path("senderId").asString(""),
                version,
                isa.path("segmentTerminator").asString("~").charAt(0),
                isa.path("elementSeparator").asString("*").charAt(0),
                isa.path("componentSeparator").asString(">").charAt(0),
                repetition.charAt(0),
                received.usage().equals("P") ? 'P' : 'T',
                true);
    }

    /** True for 005010 and later: AK103/AK203 exist, ISA11 carries the repetition separator. */
    public boolean is5010() {
        return version.startsWith("005010");
    }

    /** ISA12: {@code 00401} or {@code 00501}. */
    public String controlVersion() {
        return is5010() ? "00501" : "00401";
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException("partner envelope: " + message);
        }
    }
}
