package dev.orderhub.edi;

import dev.orderhub.intake.Partner;
import tools.jackson.databind.JsonNode;

/** Builds a partner's X12 envelope from the x12 section of its connector file. */
final class PartnerEnvelopes {
    private PartnerEnvelopes() {}

    static PartnerEnvelope of(Partner partner) {
        JsonNode x12 = partner.x12();
        if (x12 == null || x12.isMissingNode() || x12.isNull()) {
            throw new EdiFailure("partner " + partner.id() + " has no x12 section in its connector file");
        }
        JsonNode separators = x12.path("separators");
        return new PartnerEnvelope(
                partner.id(),
                x12.path("ourQualifier").asString("ZZ"),
                x12.path("ourId").asString(),
                x12.path("theirQualifier").asString("ZZ"),
                x12.path("theirId").asString(),
                x12.path("ourGroupId").asString(x12.path("ourId").asString()),
                x12.path("theirGroupId").asString(x12.path("theirId").asString()),
                x12.path("version").asString("004010"),
                separators.path("segment").asString("~").charAt(0),
                separators.path("element").asString("*").charAt(0),
                separators.path("component").asString(">").charAt(0),
                separators.path("repetition").asString("^").charAt(0),
                x12.path("usage").asString("T").charAt(0),
                x12.path("lineBreaks").asBoolean(true));
    }

    /** Whether an interchange comes from this partner (ISA06, blank-padded, against the profile's theirId). */
    static boolean sentBy(Partner partner, X12Interchange interchange) {
        JsonNode x12 = partner.x12();
        return x12 != null
                && interchange
                        .senderId()
                        .strip()
                        .equals(x12.path("theirId").asString().strip())
                && interchange
                        .senderQualifier()
                        .strip()
                        .equals(x12.path("theirQualifier").asString("ZZ").strip());
    }
}
