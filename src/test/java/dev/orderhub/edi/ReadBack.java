package dev.orderhub.edi;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;

/** Partners to write for, and the read-back every written document goes through (validating, field by field). */
final class ReadBack {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-02T10:15:00Z"), ZoneOffset.UTC);

    private ReadBack() {}

    static Stream<PartnerEnvelope> partners() {
        return Stream.of(
                PartnerEnvelope.of("demo", "ZZ", "ORDERHUB", "ZZ", "DEMOPARTNER", "004010", 'T'),
                new PartnerEnvelope(
                        "acme",
                        "01",
                        "123456789",
                        "ZZ",
                        "ACMEBUYER",
                        "OHUB",
                        "ACME",
                        "004010VICS",
                        '~',
                        '*',
                        ':',
                        '^',
                        'P',
                        false),
                new PartnerEnvelope(
                        "ortiz",
                        "ZZ",
                        "ORDERHUB",
                        "ZZ",
                        "ORTIZ",
                        "ORDERHUB",
                        "ORTIZ",
                        "005010",
                        '\n',
                        '|',
                        ':',
                        '^',
                        'T',
                        true),
                new PartnerEnvelope(
                        "north",
                        "ZZ",
                        "ORDERHUB",
                        "12",
                        "5035550100",
                        "ORDERHUB",
                        "5035550100",
                        "005010",
                        '~',
                        '*',
                        '>',
                        '^',
                        'T',
                        true));
    }

    /** Reads a written interchange back with validation on; it must be clean at every level. */
    static X12Interchange readBack(X12Document document, PartnerEnvelope partner) {
        List<X12Interchange> read = X12Reader.read(document.text());
        assertThat(read).hasSize(1);
        X12Interchange interchange = read.get(0);
        assertThat(interchange.errors())
                .as("envelope errors in%n%s", document.text())
                .isEmpty();
        interchange
                .groups()
                .forEach(g -> assertThat(g.errors()).as("group errors").isEmpty());
        interchange
                .sets()
                .forEach(s -> assertThat(s.errors())
                        .as("errors in%n%s", document.text())
                        .isEmpty());
        assertThat(interchange.senderQualifier()).isEqualTo(partner.ourQualifier());
        assertThat(interchange.senderId()).isEqualTo(partner.ourId());
        assertThat(interchange.receiverQualifier()).isEqualTo(partner.theirQualifier());
        assertThat(interchange.receiverId()).isEqualTo(partner.theirId());
        assertThat(interchange.usage()).isEqualTo(String.valueOf(partner.usage()));
        assertThat(interchange.envelope().path("controlVersion").asString()).isEqualTo(partner.controlVersion());
        assertThat(interchange.envelope().path("date").asString()).isEqualTo("261102");
        assertThat(interchange.envelope().path("time").asString()).isEqualTo("1015");
        assertThat(Long.parseLong(interchange.controlNumber())).isEqualTo(document.controlNumber());
        assertThat(interchange.envelope().path("elementSeparator").asString())
                .isEqualTo(String.valueOf(partner.elementSeparator()));
        assertThat(interchange.envelope().path("componentSeparator").asString())
                .isEqualTo(String.valueOf(partner.componentSeparator()));
        interchange.groups().forEach(g -> {
            assertThat(g.envelope().path("senderId").asString()).isEqualTo(partner.ourGroupId());
            assertThat(g.envelope().path("receiverId").asString()).isEqualTo(partner.theirGroupId());
            assertThat(g.envelope().path("release").asString()).isEqualTo(partner.version());
        });
        return interchange;
    }

    static JsonNode onlySet(X12Interchange interchange, String setId) {
        assertThat(interchange.sets()).hasSize(1);
        X12TransactionSet set = interchange.sets().get(0);
        assertThat(set.id()).isEqualTo(setId);
        return set.json();
    }

    static String s(JsonNode node, String field) {
        return node.path(field).asString();
    }
}
