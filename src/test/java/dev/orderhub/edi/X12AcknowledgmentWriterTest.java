package dev.orderhub.edi;

import static dev.orderhub.edi.ReadBack.CLOCK;
import static dev.orderhub.edi.ReadBack.onlySet;
import static dev.orderhub.edi.ReadBack.readBack;
import static dev.orderhub.edi.ReadBack.s;
import static dev.orderhub.edi.Samples.group;
import static dev.orderhub.edi.Samples.interchange;
import static dev.orderhub.edi.Samples.po;
import static dev.orderhub.edi.Samples.smallPo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/** 997 and TA1 for what was received, read back by the validating reader and checked field by field. */
class X12AcknowledgmentWriterTest {
    private final X12Writer writer = new X12Writer(new InMemoryControlNumbers(), CLOCK);

    static Stream<PartnerEnvelope> partners() {
        return ReadBack.partners();
    }

    @ParameterizedTest
    @MethodSource("partners")
    void functionalAckAcceptsACleanGroup(PartnerEnvelope partner) {
        X12Group received = X12Reader.read(
                        interchange("00401", "000000101", group("101", "004010", po("PO-1"), smallPo("PO-2"))))
                .get(0)
                .groups()
                .get(0);

        X12Document ack = writer.functionalAck997(partner, received);

        assertThat(ack.kind()).isEqualTo("997");
        assertThat(ack.fileName()).isEqualTo("997-" + partner.partnerId() + "-000000001.edi");
        X12Interchange read = readBack(ack, partner);
        assertThat(read.groups().get(0).functionalId()).isEqualTo("FA");
        JsonNode json = onlySet(read, "997");
        assertThat(s(json.path("AK1"), "AK101")).isEqualTo("PO");
        assertThat(s(json.path("AK1"), "AK102")).isEqualTo("101");
        assertThat(json.path("AK1").has("AK103")).as("AK103 exists from 005010").isEqualTo(partner.is5010());
        JsonNode sets = json.path("AK2");
        assertThat(sets).hasSize(2);
        assertThat(s(sets.get(0), "AK201")).isEqualTo("850");
        assertThat(s(sets.get(0), "AK202")).isEqualTo("0001");
        assertThat(s(sets.get(1), "AK202")).isEqualTo("0002");
        assertThat(sets.get(0).has("AK3")).isFalse();
        assertThat(s(sets.get(0).path("AK5"), "AK501")).isEqualTo("A");
        assertThat(s(sets.get(1).path("AK5"), "AK501")).isEqualTo("A");
        JsonNode ak9 = json.path("AK9");
        assertThat(List.of(s(ak9, "AK901"), s(ak9, "AK902"), s(ak9, "AK903"), s(ak9, "AK904")))
                .containsExactly("A", "2", "2", "2");
    }

    @Test
    void functionalAckRejectsABrokenSetNamingSegmentAndElement() {
        List<String> noBeg = new ArrayList<>(po("PO-1"));
        noBeg.remove(0);
        List<String> badDate = new ArrayList<>(po("PO-2"));
        badDate.set(0, "BEG*00*SA*PO-2**20261340");
        List<String> extraSegment = new ArrayList<>(po("PO-4"));
        extraSegment.add(3, "ZZZ*1");
        X12Group received = X12Reader.read(interchange(
                        "00501", "000000101", group("101", "005010", noBeg, badDate, po("PO-3"), extraSegment)))
                .get(0)
                .groups()
                .get(0);
        PartnerEnvelope partner = partners().toList().get(2);

        JsonNode json = onlySet(readBack(writer.functionalAck997(partner, received), partner), "997");

        assertThat(s(json.path("AK1"), "AK103")).isEqualTo("005010");
        JsonNode sets = json.path("AK2");
        JsonNode missing = sets.get(0);
        assertThat(s(missing.path("AK5"), "AK501")).isEqualTo("R");
        assertThat(s(missing.path("AK5"), "AK502")).isEqualTo("5");
        JsonNode ak3 = missing.path("AK3").get(0);
        assertThat(List.of(s(ak3, "AK301"), s(ak3, "AK302"), s(ak3, "AK304"))).containsExactly("BEG", "2", "3");
        assertThat(ak3.has("AK4")).isFalse();

        JsonNode date = sets.get(1);
        assertThat(s(date.path("AK5"), "AK501")).isEqualTo("R");
        JsonNode dateAk3 = date.path("AK3").get(0);
        assertThat(List.of(s(dateAk3, "AK301"), s(dateAk3, "AK302"), s(dateAk3, "AK304")))
                .containsExactly("BEG", "2", "8");
        JsonNode ak4 = dateAk3.path("AK4").get(0);
        assertThat(ak4.path("AK401").get(0).asString()).as("element position").isEqualTo("5");
        assertThat(List.of(s(ak4, "AK402"), s(ak4, "AK403"), s(ak4, "AK404"))).containsExactly("373", "8", "20261340");

        assertThat(s(sets.get(2).path("AK5"), "AK501")).isEqualTo("A");
        JsonNode extra = sets.get(3);
        assertThat(s(extra.path("AK5"), "AK501")).isEqualTo("E");
        assertThat(List.of(
                        s(extra.path("AK3").get(0), "AK301"),
                        s(extra.path("AK3").get(0), "AK302"),
                        s(extra.path("AK3").get(0), "AK304")))
                .containsExactly("ZZZ", "5", "6");

        JsonNode ak9 = json.path("AK9");
        assertThat(List.of(s(ak9, "AK901"), s(ak9, "AK902"), s(ak9, "AK903"), s(ak9, "AK904")))
                .as("2 of 4 sets accepted")
                .containsExactly("P", "4", "4", "2");
    }

    @Test
    void functionalAckReportsEnvelopeErrorsOfSetsAndGroup() {
        String text = interchange("00401", "000000101", group("101", "004010", po("PO-1"), po("PO-2")))
                .replace("SE*17*0001", "SE*16*0001")
                .replace("SE*17*0002", "SE*17*0003")
                .replace("GE*2*101", "GE*2*111");
        X12Group received = X12Reader.read(text).get(0).groups().get(0);
        PartnerEnvelope partner = partners().findFirst().orElseThrow();

        JsonNode json = onlySet(readBack(writer.functionalAck997(partner, received), partner), "997");

        assertThat(s(json.path("AK2").get(0).path("AK5"), "AK501")).isEqualTo("R");
        assertThat(s(json.path("AK2").get(0).path("AK5"), "AK502"))
                .as("segment count wrong")
                .isEqualTo("4");
        assertThat(s(json.path("AK2").get(1).path("AK5"), "AK502"))
                .as("ST02/SE02 differ")
                .isEqualTo("3");
        JsonNode ak9 = json.path("AK9");
        assertThat(List.of(s(ak9, "AK901"), s(ak9, "AK904"), s(ak9, "AK905")))
                .as("GS06/GE02 differ")
                .containsExactly("R", "0", "4");
    }

    @Test
    void aSetWhoseControlNumberCannotBeEchoedIsCountedButNotListed() {
        String text = interchange("00401", "000000101", group("101", "004010", po("PO-1"), po("PO-2")))
                .replace("ST*850*0002", "ST*850*2")
                .replace("SE*17*0002", "SE*17*2");
        X12Group received = X12Reader.read(text).get(0).groups().get(0);
        PartnerEnvelope partner = partners().findFirst().orElseThrow();

        assertThat(received.sets().get(1).errors())
                .extracting(X12Error::segment, X12Error::element, X12Error::x12Code)
                .contains(tuple("ST", 2, "7"));
        JsonNode json = onlySet(readBack(writer.functionalAck997(partner, received), partner), "997");

        assertThat(json.path("AK2")).hasSize(1);
        assertThat(s(json.path("AK2").get(0), "AK202")).isEqualTo("0001");
        JsonNode ak9 = json.path("AK9");
        assertThat(List.of(s(ak9, "AK901"), s(ak9, "AK902"), s(ak9, "AK903"), s(ak9, "AK904")))
                .containsExactly("P", "2", "2", "1");
    }

    @Test
    void ta1AcceptsOrRejectsTheInterchange() {
        String clean = interchange("00401", "000000101", group("101", "004010", po("PO-1")));
        X12Interchange good = X12Reader.read(clean).get(0);
        X12Interchange bad = X12Reader.read(clean.replace("IEA*1*000000101", "IEA*1*000000102"))
                .get(0);
        PartnerEnvelope partner = PartnerEnvelope.answering("demo", good);

        for (X12Interchange received : List.of(good, bad)) {
            X12Document ta1 = writer.ta1(partner, received);
            assertThat(ta1.fileName()).startsWith("TA1-demo-");
            X12Interchange read = readBack(ta1, partner);
            assertThat(read.groups()).isEmpty();
            String[] segments = ta1.text().split("~\n");
            assertThat(segments[1])
                    .isEqualTo(
                            received == good ? "TA1*000000101*261102*0930*A*000" : "TA1*000000101*261102*0930*R*001");
            assertThat(segments[2]).isEqualTo("IEA*0*" + String.format("%09d", ta1.controlNumber()));
        }
    }

    @Test
    void ta1RefusesAnUnknownSenderInItsOwnTerms() {
        String text =
                Samples.in(Samples.PIPE_NEWLINE, interchange("00501", "000000777", group("777", "005010", po("PO-1"))));
        X12Interchange received = X12Reader.read(text).get(0);
        PartnerEnvelope answer = PartnerEnvelope.answering("unknown-DEMOPARTNER", received);

        X12Document ta1 = writer.ta1(answer, received, AckStatus.REJECTED, "006");

        assertThat(answer.elementSeparator()).isEqualTo('|');
        assertThat(answer.version()).isEqualTo("005010");
        X12Interchange read = readBack(ta1, answer);
        assertThat(read.receiverId()).isEqualTo("DEMOPARTNER");
        assertThat(ta1.text()).contains("TA1|000000777|261102|0930|R|006\n");
    }
}
