package dev.orderhub.edi;

import static dev.orderhub.edi.Samples.group;
import static dev.orderhub.edi.Samples.interchange;
import static dev.orderhub.edi.Samples.po;
import static dev.orderhub.edi.Samples.smallPo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orderhub.order.Address;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * Every document orderhub writes, read back by the validating reader and checked field by field: 997 and TA1 for
 * what was received, 855, 856 and 810 in 004010 and 005010 and in different separators.
 */
class X12WriterTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-02T10:15:00Z"), ZoneOffset.UTC);

    private final X12Writer writer = new X12Writer(ControlNumbers.inMemory(), CLOCK);

    static Stream<PartnerEnvelope> partners() {
        return Stream.of(
                PartnerEnvelope.of("demo", "ZZ", "ORDERHUB", "ZZ", "DEMOPARTNER", "004010", 'T'),
                new PartnerEnvelope("acme", "01", "123456789", "ZZ", "ACMEBUYER", "OHUB", "ACME", "004010VICS",
                        '~', '*', ':', '^', 'P', false),
                new PartnerEnvelope("ortiz", "ZZ", "ORDERHUB", "ZZ", "ORTIZ", "ORDERHUB", "ORTIZ", "005010",
                        '\n', '|', ':', '^', 'T', true),
                new PartnerEnvelope("north", "ZZ", "ORDERHUB", "12", "5035550100", "ORDERHUB", "5035550100",
                        "005010", '~', '*', '>', '^', 'T', true));
    }

    /** Reads a written interchange back with validation on; it must be clean at every level. */
    private static X12Interchange readBack(X12Document document, PartnerEnvelope partner) {
        List<X12Interchange> read = X12Reader.read(document.text());
        assertThat(read).hasSize(1);
        X12Interchange interchange = read.get(0);
        assertThat(interchange.errors()).as("envelope errors in%n%s", document.text()).isEmpty();
        interchange.groups().forEach(g -> assertThat(g.errors()).as("group errors").isEmpty());
        interchange.sets().forEach(s -> assertThat(s.errors()).as("errors in%n%s", document.text()).isEmpty());
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

    private static JsonNode onlySet(X12Interchange interchange, String setId) {
        assertThat(interchange.sets()).hasSize(1);
        X12TransactionSet set = interchange.sets().get(0);
        assertThat(set.id()).isEqualTo(setId);
        return set.json();
    }

    private static String s(JsonNode node, String field) {
        return node.path(field).asString();
    }

    // --- 997 and TA1 -------------------------------------------------------------------------------------------

    @ParameterizedTest
    @MethodSource("partners")
    void functionalAckAcceptsACleanGroup(PartnerEnvelope partner) {
        X12Group received = X12Reader.read(interchange("00401", "000000101",
                group("101", "004010", po("PO-1"), smallPo("PO-2")))).get(0).groups().get(0);

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
        X12Group received = X12Reader.read(interchange("00501", "000000101", group("101", "005010", noBeg,
                badDate, po("PO-3"), extraSegment))).get(0).groups().get(0);
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
        assertThat(List.of(s(ak4, "AK402"), s(ak4, "AK403"), s(ak4, "AK404")))
                .containsExactly("373", "8", "20261340");

        assertThat(s(sets.get(2).path("AK5"), "AK501")).isEqualTo("A");
        JsonNode extra = sets.get(3);
        assertThat(s(extra.path("AK5"), "AK501")).isEqualTo("E");
        assertThat(List.of(s(extra.path("AK3").get(0), "AK301"), s(extra.path("AK3").get(0), "AK302"),
                s(extra.path("AK3").get(0), "AK304"))).containsExactly("ZZZ", "5", "6");

        JsonNode ak9 = json.path("AK9");
        assertThat(List.of(s(ak9, "AK901"), s(ak9, "AK902"), s(ak9, "AK903"), s(ak9, "AK904")))
                .as("2 of 4 sets accepted").containsExactly("P", "4", "4", "2");
    }

    @Test
    void functionalAckReportsEnvelopeErrorsOfSetsAndGroup() {
        String text = interchange("00401", "000000101", group("101", "004010", po("PO-1"), po("PO-2")))
                .replace("SE*17*0001", "SE*16*0001").replace("SE*17*0002", "SE*17*0003").replace("GE*2*101", "GE*2*111");
        X12Group received = X12Reader.read(text).get(0).groups().get(0);
        PartnerEnvelope partner = partners().findFirst().orElseThrow();

        JsonNode json = onlySet(readBack(writer.functionalAck997(partner, received), partner), "997");

        assertThat(s(json.path("AK2").get(0).path("AK5"), "AK501")).isEqualTo("R");
        assertThat(s(json.path("AK2").get(0).path("AK5"), "AK502")).as("segment count wrong").isEqualTo("4");
        assertThat(s(json.path("AK2").get(1).path("AK5"), "AK502")).as("ST02/SE02 differ").isEqualTo("3");
        JsonNode ak9 = json.path("AK9");
        assertThat(List.of(s(ak9, "AK901"), s(ak9, "AK904"), s(ak9, "AK905")))
                .as("GS06/GE02 differ").containsExactly("R", "0", "4");
    }

    @Test
    void ta1AcceptsOrRejectsTheInterchange() {
        String clean = interchange("00401", "000000101", group("101", "004010", po("PO-1")));
        X12Interchange good = X12Reader.read(clean).get(0);
        X12Interchange bad = X12Reader.read(clean.replace("IEA*1*000000101", "IEA*1*000000102")).get(0);
        PartnerEnvelope partner = PartnerEnvelope.answering("demo", good);

        for (X12Interchange received : List.of(good, bad)) {
            X12Document ta1 = writer.ta1(partner, received);
            assertThat(ta1.fileName()).startsWith("TA1-demo-");
            X12Interchange read = readBack(ta1, partner);
            assertThat(read.groups()).isEmpty();
            String[] segments = ta1.text().split("~\n");
            assertThat(segments[1]).isEqualTo(received == good ? "TA1*000000101*261102*0930*A*000"
                    : "TA1*000000101*261102*0930*R*001");
            assertThat(segments[2]).isEqualTo("IEA*0*" + String.format("%09d", ta1.controlNumber()));
        }
    }

    @Test
    void ta1RefusesAnUnknownSenderInItsOwnTerms() {
        String text = Samples.in(Samples.PIPE_NEWLINE, interchange("00501", "000000777",
                group("777", "005010", po("PO-1"))));
        X12Interchange received = X12Reader.read(text).get(0);
        PartnerEnvelope answer = PartnerEnvelope.answering("unknown-DEMOPARTNER", received);

        X12Document ta1 = writer.ta1(answer, received, AckStatus.REJECTED, "006");

        assertThat(answer.elementSeparator()).isEqualTo('|');
        assertThat(answer.version()).isEqualTo("005010");
        X12Interchange read = readBack(ta1, answer);
        assertThat(read.receiverId()).isEqualTo("DEMOPARTNER");
        assertThat(ta1.text()).contains("TA1|000000777|261102|0930|R|006\n");
    }

    // --- 855 ---------------------------------------------------------------------------------------------------

    @ParameterizedTest
    @MethodSource("partners")
    void poAcknowledgmentPerLine(PartnerEnvelope partner) {
        PoAck ack = new PoAck("4500012345", LocalDate.of(2026, 11, 1), PoAck.Status.ACCEPTED_WITH_CHANGES, List.of(
                new PoAck.Line("1", 4, 4, PoAck.LineStatus.ACCEPTED, new BigDecimal("129.00"), "DRILL-18V",
                        Map.of("UP", "012345678905", "VP", "DRILL-18V")),
                new PoAck.Line("2", 10, 6, PoAck.LineStatus.QUANTITY_CHANGED, new BigDecimal("4.50"), "BIT-10"),
                new PoAck.Line("3", 2, 0, PoAck.LineStatus.REJECTED, null, "GONE-1")));

        X12Document document = writer.poAck855(partner, ack);

        X12Interchange read = readBack(document, partner);
        assertThat(read.groups().get(0).functionalId()).isEqualTo("PR");
        JsonNode json = onlySet(read, "855");
        JsonNode bak = json.path("BAK");
        assertThat(List.of(s(bak, "BAK01"), s(bak, "BAK02"), s(bak, "BAK03"), s(bak, "BAK04"), s(bak, "BAK09")))
                .containsExactly("00", "AC", "4500012345", "20261101", "20261102");
        JsonNode lines = json.path("PO1");
        assertThat(lines).hasSize(3);
        JsonNode first = lines.get(0);
        assertThat(List.of(s(first, "PO101"), s(first, "PO102"), s(first, "PO103"), s(first, "PO104")))
                .containsExactly("1", "4", "EA", "129.00");
        assertThat(first.path("ids").toString()).as("the sku's pair first, then the others")
                .isEqualTo("[{\"qualifier\":\"VP\",\"id\":\"DRILL-18V\"},{\"qualifier\":\"UP\",\"id\":\"012345678905\"}]");
        JsonNode firstAck = first.path("ACK").get(0);
        assertThat(List.of(s(firstAck, "ACK01"), s(firstAck, "ACK02"), s(firstAck, "ACK03"), s(firstAck, "ACK07"),
                s(firstAck, "ACK08"))).containsExactly("IA", "4", "EA", "VP", "DRILL-18V");
        assertThat(s(lines.get(1).path("ACK").get(0), "ACK01")).isEqualTo("IQ");
        assertThat(s(lines.get(1).path("ACK").get(0), "ACK02")).isEqualTo("6");
        assertThat(s(lines.get(1), "PO106")).as("sku without product ids").isEqualTo("SK");
        assertThat(lines.get(2).has("PO104")).isFalse();
        assertThat(s(lines.get(2).path("ACK").get(0), "ACK01")).isEqualTo("IR");
        assertThat(List.of(s(json.path("CTT"), "CTT01"), s(json.path("CTT"), "CTT02"))).containsExactly("3", "16");
    }

    @Test
    void rejectedPoWithoutLines() {
        PartnerEnvelope partner = partners().findFirst().orElseThrow();
        X12Document document = writer.poAck855(partner, new PoAck("PO-9", LocalDate.of(2026, 11, 2),
                PoAck.Status.REJECTED, List.of()));

        JsonNode json = onlySet(readBack(document, partner), "855");

        assertThat(s(json.path("BAK"), "BAK02")).isEqualTo("RJ");
        assertThat(json.has("PO1")).isFalse();
    }

    // --- 856 ---------------------------------------------------------------------------------------------------

    @ParameterizedTest
    @MethodSource("partners")
    void shipNoticeHierarchy(PartnerEnvelope partner) {
        ShipNotice notice = new ShipNotice("SHP-00042", "4500012345", LocalDate.of(2026, 11, 1), "UPSN",
                "UPS Ground", "1Z999AA10123456784", Instant.parse("2026-11-03T15:20:00Z"),
                new Address("Acme DC", "9 Dock Rd", "Door 4", "Austin", "TX", "78744", "US"), List.of(
                        new ShipNotice.Line("1", "DRILL-18V", Map.of("VP", "DRILL-18V", "UP", "012345678905"), 4),
                        new ShipNotice.Line("2", "BIT-10", Map.of(), 6)));

        X12Interchange read = readBack(writer.shipNotice856(partner, notice), partner);

        assertThat(read.groups().get(0).functionalId()).isEqualTo("SH");
        JsonNode json = onlySet(read, "856");
        JsonNode bsn = json.path("BSN");
        assertThat(List.of(s(bsn, "BSN01"), s(bsn, "BSN02"), s(bsn, "BSN03"), s(bsn, "BSN04"), s(bsn, "BSN05")))
                .containsExactly("00", "SHP-00042", "20261102", "1015", "0004");
        JsonNode levels = json.path("HL");
        assertThat(levels).hasSize(4);
        JsonNode shipment = levels.get(0);
        assertThat(List.of(s(shipment, "HL01"), s(shipment, "HL03"))).containsExactly("1", "S");
        assertThat(shipment.has("HL02")).isFalse();
        JsonNode td5 = shipment.path("TD5").get(0);
        assertThat(List.of(s(td5, "TD502"), s(td5, "TD503"), s(td5, "TD505"))).containsExactly("2", "UPSN",
                "UPS Ground");
        assertThat(List.of(s(shipment.path("REF").get(0), "REF01"), s(shipment.path("REF").get(0), "REF02")))
                .containsExactly("CN", "1Z999AA10123456784");
        assertThat(List.of(s(shipment.path("DTM").get(0), "DTM01"), s(shipment.path("DTM").get(0), "DTM02"),
                s(shipment.path("DTM").get(0), "DTM03"))).containsExactly("011", "20261103", "1520");
        JsonNode shipTo = shipment.path("N1").get(0);
        assertThat(List.of(s(shipTo, "N101"), s(shipTo, "N102"), s(shipTo.path("N3").get(0), "N302"),
                s(shipTo.path("N4"), "N401"), s(shipTo.path("N4"), "N404")))
                .containsExactly("ST", "Acme DC", "Door 4", "Austin", "US");
        JsonNode order = levels.get(1);
        assertThat(List.of(s(order, "HL01"), s(order, "HL02"), s(order, "HL03"))).containsExactly("2", "1", "O");
        assertThat(List.of(s(order.path("PRF"), "PRF01"), s(order.path("PRF"), "PRF04")))
                .containsExactly("4500012345", "20261101");
        JsonNode item = levels.get(2);
        assertThat(List.of(s(item, "HL01"), s(item, "HL02"), s(item, "HL03"))).containsExactly("3", "2", "I");
        assertThat(List.of(s(item.path("LIN"), "LIN01"), s(item.path("LIN"), "LIN02"), s(item.path("LIN"), "LIN03"),
                s(item.path("LIN"), "LIN04"))).containsExactly("1", "VP", "DRILL-18V", "UP");
        assertThat(List.of(s(item.path("SN1"), "SN102"), s(item.path("SN1"), "SN103"))).containsExactly("4", "EA");
        assertThat(List.of(s(levels.get(3).path("LIN"), "LIN02"), s(levels.get(3).path("LIN"), "LIN03"),
                s(levels.get(3).path("SN1"), "SN102"))).containsExactly("SK", "BIT-10", "6");
        assertThat(List.of(s(json.path("CTT"), "CTT01"), s(json.path("CTT"), "CTT02")))
                .as("HL count, units shipped").containsExactly("4", "10");
    }

    // --- 810 ---------------------------------------------------------------------------------------------------

    @ParameterizedTest
    @MethodSource("partners")
    void invoiceWithTaxChargesAndTotalInCents(PartnerEnvelope partner) {
        InvoiceDocument invoice = new InvoiceDocument("INV-2026-0001", LocalDate.of(2026, 11, 4), "4500012345",
                LocalDate.of(2026, 11, 1), "USD", List.of(
                        new InvoiceDocument.Line("1", "DRILL-18V", Map.of("VP", "DRILL-18V"), 4,
                                new BigDecimal("129.00"), "Cordless drill 18V"),
                        new InvoiceDocument.Line("2", "BIT-10", Map.of(), 10, new BigDecimal("4.50"), null)),
                new BigDecimal("44.29"), List.of(
                        new InvoiceDocument.Charge("DELIVERY", new BigDecimal("20.00"), null),
                        new InvoiceDocument.Charge("DISCOUNT", new BigDecimal("-25.80"), "contract 5%")),
                new BigDecimal("599.49"));

        X12Interchange read = readBack(writer.invoice810(partner, invoice), partner);

        assertThat(read.groups().get(0).functionalId()).isEqualTo("IN");
        JsonNode json = onlySet(read, "810");
        JsonNode big = json.path("BIG");
        assertThat(List.of(s(big, "BIG01"), s(big, "BIG02"), s(big, "BIG03"), s(big, "BIG04")))
                .containsExactly("20261104", "INV-2026-0001", "20261101", "4500012345");
        assertThat(List.of(s(json.path("CUR"), "CUR01"), s(json.path("CUR"), "CUR02"))).containsExactly("SE", "USD");
        JsonNode lines = json.path("IT1");
        assertThat(lines).hasSize(2);
        assertThat(List.of(s(lines.get(0), "IT101"), s(lines.get(0), "IT102"), s(lines.get(0), "IT103"),
                s(lines.get(0), "IT104"), s(lines.get(0), "IT106"), s(lines.get(0), "IT107")))
                .containsExactly("1", "4", "EA", "129.00", "VP", "DRILL-18V");
        assertThat(s(lines.get(0).path("PID").get(0), "PID05")).isEqualTo("Cordless drill 18V");
        assertThat(s(lines.get(1), "IT104")).isEqualTo("4.50");
        assertThat(s(json.path("TDS"), "TDS01")).as("implied cents").isEqualTo("59949");
        assertThat(List.of(s(json.path("TXI").get(0), "TXI01"), s(json.path("TXI").get(0), "TXI02")))
                .containsExactly("TX", "44.29");
        JsonNode charges = json.path("SAC");
        assertThat(List.of(s(charges.get(0), "SAC01"), s(charges.get(0), "SAC02"), s(charges.get(0), "SAC05")))
                .containsExactly("C", "D240", "2000");
        assertThat(List.of(s(charges.get(1), "SAC01"), s(charges.get(1), "SAC02"), s(charges.get(1), "SAC05"),
                s(charges.get(1), "SAC15"))).containsExactly("A", "C310", "2580", "contract 5%");
        assertThat(List.of(s(json.path("CTT"), "CTT01"), s(json.path("CTT"), "CTT02"))).containsExactly("2", "14");
    }

    // --- envelopes, numbers, refusals --------------------------------------------------------------------------

    @Test
    void controlNumbersComeFromTheSourcePerPartnerAndKind() {
        List<String> asked = new ArrayList<>();
        ControlNumbers numbers = (partner, kind) -> {
            asked.add(partner + "/" + kind);
            return 41 + asked.size();
        };
        PartnerEnvelope partner = partners().findFirst().orElseThrow();

        X12Document document = new X12Writer(numbers, CLOCK).poAck855(partner,
                new PoAck("PO-1", LocalDate.of(2026, 11, 2), PoAck.Status.REJECTED, List.of()));

        assertThat(asked).containsExactly("demo/ISA", "demo/GS", "demo/ST");
        assertThat(document.controlNumber()).isEqualTo(42);
        assertThat(document.fileName()).isEqualTo("855-demo-000000042.edi");
        assertThat(document.text()).contains("*000000042*0*T*>~\n", "GS*PR*ORDERHUB*DEMOPARTNER*20261102*1015*43*X*004010~",
                "ST*855*0044~", "SE*3*0044~", "GE*1*43~", "IEA*1*000000042~");
    }

    @Test
    void refusesToWriteWhatThePartnerWouldReject() {
        PartnerEnvelope partner = partners().findFirst().orElseThrow();
        PoAck tooLong = new PoAck("P".repeat(30), LocalDate.of(2026, 11, 2), PoAck.Status.ACCEPTED, List.of());

        assertThatThrownBy(() -> writer.poAck855(partner, tooLong)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("BAK03").hasMessageContaining("DATA_ELEMENT_TOO_LONG");
    }

    @Test
    void separatorsAreRemovedFromFreeText() {
        PartnerEnvelope partner = partners().findFirst().orElseThrow();
        InvoiceDocument invoice = new InvoiceDocument("INV-9", LocalDate.of(2026, 11, 4), "PO-9", null, null,
                List.of(new InvoiceDocument.Line("1", "X", Map.of(), 1, BigDecimal.ONE, "2*4 board~pine>dry")),
                null, List.of(), BigDecimal.ONE);

        JsonNode json = onlySet(readBack(writer.invoice810(partner, invoice), partner), "810");

        assertThat(s(json.path("IT1").get(0).path("PID").get(0), "PID05")).isEqualTo("2 4 board pine dry");
    }

    @Test
    void partnerEnvelopeIsCheckedWhenBuilt() {
        assertThatThrownBy(() -> PartnerEnvelope.of("p", "ZZ", "US", "ZZ", "THEM", "003040", 'T'))
                .hasMessageContaining("version");
        assertThatThrownBy(() -> new PartnerEnvelope("p", "ZZ", "US1", "ZZ", "THEM", "US1", "THEM", "004010",
                '~', '*', '*', '^', 'T', true)).hasMessageContaining("separators");
        assertThatThrownBy(() -> PartnerEnvelope.of("p", "ZZ", "A-VERY-LONG-SENDER-ID", "ZZ", "THEM", "004010",
                'T')).hasMessageContaining("ourId");
        assertThatThrownBy(() -> PartnerEnvelope.of("p", "ZZ", "US1", "ZZ", "THEM", "004010", 'X'))
                .hasMessageContaining("usage");
    }
}
