package dev.orderhub.edi;

import static dev.orderhub.edi.ReadBack.CLOCK;
import static dev.orderhub.edi.ReadBack.onlySet;
import static dev.orderhub.edi.ReadBack.readBack;
import static dev.orderhub.edi.ReadBack.s;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orderhub.order.Address;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * 855, 856, 810, 180 and 812 in 004010 and 005010 and in different separators, each read back by the validating reader and
 * checked field by field; control numbers, file names and refusals.
 */
class X12DocumentWriterTest {
    private final X12Writer writer = new X12Writer(new InMemoryControlNumbers(), CLOCK);

    static Stream<PartnerEnvelope> partners() {
        return ReadBack.partners();
    }

    // --- 855 ---------------------------------------------------------------------------------------------------

    @ParameterizedTest
    @MethodSource("partners")
    void poAcknowledgmentPerLine(PartnerEnvelope partner) {
        PoAck ack = new PoAck(
                "4500012345",
                LocalDate.of(2026, 11, 1),
                PoAck.Status.ACCEPTED_WITH_CHANGES,
                List.of(
                        new PoAck.Line(
                                "1",
                                4,
                                4,
                                PoAck.LineStatus.ACCEPTED,
                                new BigDecimal("129.00"),
                                "DRILL-18V",
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
        assertThat(first.path("ids").toString())
                .as("the sku's pair first, then the others")
                .isEqualTo("[{\"qualifier\":\"VP\",\"id\":\"DRILL-18V\"},"
                        + "{\"qualifier\":\"UP\",\"id\":\"012345678905\"}]");
        JsonNode firstAck = first.path("ACK").get(0);
        assertThat(List.of(
                        s(firstAck, "ACK01"),
                        s(firstAck, "ACK02"),
                        s(firstAck, "ACK03"),
                        s(firstAck, "ACK07"),
                        s(firstAck, "ACK08")))
                .containsExactly("IA", "4", "EA", "VP", "DRILL-18V");
        assertThat(s(lines.get(1).path("ACK").get(0), "ACK01")).isEqualTo("IQ");
        assertThat(s(lines.get(1).path("ACK").get(0), "ACK02")).isEqualTo("6");
        assertThat(s(lines.get(1), "PO106")).as("sku without product ids").isEqualTo("SK");
        assertThat(lines.get(2).has("PO104")).isFalse();
        assertThat(s(lines.get(2).path("ACK").get(0), "ACK01")).isEqualTo("IR");
        assertThat(List.of(s(json.path("CTT"), "CTT01"), s(json.path("CTT"), "CTT02")))
                .containsExactly("3", "16");
    }

    @Test
    void rejectedPoWithoutLines() {
        PartnerEnvelope partner = partners().findFirst().orElseThrow();
        X12Document document = writer.poAck855(
                partner, new PoAck("PO-9", LocalDate.of(2026, 11, 2), PoAck.Status.REJECTED, List.of()));

        JsonNode json = onlySet(readBack(document, partner), "855");

        assertThat(s(json.path("BAK"), "BAK02")).isEqualTo("RJ");
        assertThat(json.has("PO1")).isFalse();
    }

    // --- 856 ---------------------------------------------------------------------------------------------------

    @ParameterizedTest
    @MethodSource("partners")
    void shipNoticeHierarchy(PartnerEnvelope partner) {
        ShipNotice notice = new ShipNotice(
                "SHP-00042",
                "4500012345",
                LocalDate.of(2026, 11, 1),
                "UPSN",
                "UPS Ground",
                "1Z999AA10123456784",
                Instant.parse("2026-11-03T15:20:00Z"),
                new Address("Acme DC", "9 Dock Rd", "Door 4", "Austin", "TX", "78744", "US"),
                List.of(
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
        assertThat(List.of(s(td5, "TD502"), s(td5, "TD503"), s(td5, "TD505")))
                .containsExactly("2", "UPSN", "UPS Ground");
        assertThat(List.of(
                        s(shipment.path("REF").get(0), "REF01"),
                        s(shipment.path("REF").get(0), "REF02")))
                .containsExactly("CN", "1Z999AA10123456784");
        assertThat(List.of(
                        s(shipment.path("DTM").get(0), "DTM01"),
                        s(shipment.path("DTM").get(0), "DTM02"),
                        s(shipment.path("DTM").get(0), "DTM03")))
                .containsExactly("011", "20261103", "1520");
        JsonNode shipTo = shipment.path("N1").get(0);
        assertThat(List.of(
                        s(shipTo, "N101"),
                        s(shipTo, "N102"),
                        s(shipTo.path("N3").get(0), "N302"),
                        s(shipTo.path("N4"), "N401"),
                        s(shipTo.path("N4"), "N404")))
                .containsExactly("ST", "Acme DC", "Door 4", "Austin", "US");
        JsonNode order = levels.get(1);
        assertThat(List.of(s(order, "HL01"), s(order, "HL02"), s(order, "HL03")))
                .containsExactly("2", "1", "O");
        assertThat(List.of(s(order.path("PRF"), "PRF01"), s(order.path("PRF"), "PRF04")))
                .containsExactly("4500012345", "20261101");
        JsonNode item = levels.get(2);
        assertThat(List.of(s(item, "HL01"), s(item, "HL02"), s(item, "HL03"))).containsExactly("3", "2", "I");
        assertThat(List.of(
                        s(item.path("LIN"), "LIN01"),
                        s(item.path("LIN"), "LIN02"),
                        s(item.path("LIN"), "LIN03"),
                        s(item.path("LIN"), "LIN04")))
                .containsExactly("1", "VP", "DRILL-18V", "UP");
        assertThat(List.of(s(item.path("SN1"), "SN102"), s(item.path("SN1"), "SN103")))
                .containsExactly("4", "EA");
        assertThat(List.of(
                        s(levels.get(3).path("LIN"), "LIN02"),
                        s(levels.get(3).path("LIN"), "LIN03"),
                        s(levels.get(3).path("SN1"), "SN102")))
                .containsExactly("SK", "BIT-10", "6");
        assertThat(List.of(s(json.path("CTT"), "CTT01"), s(json.path("CTT"), "CTT02")))
                .as("HL count, units shipped")
                .containsExactly("4", "10");
    }

    // --- 180 ---------------------------------------------------------------------------------------------------

    @ParameterizedTest
    @MethodSource("partners")
    void returnAuthorizationPerLine(PartnerEnvelope partner) {
        ReturnAuthorization authorization = new ReturnAuthorization(
                "RMA-00000042",
                "4500012345",
                LocalDate.of(2026, 11, 1),
                Instant.parse("2026-11-20T09:05:00Z"),
                "customer call",
                List.of(
                        new ReturnAuthorization.Line(
                                "1", "DRILL-18V", Map.of("VP", "DRILL-18V", "UP", "012345678905"), 2, "wrong size"),
                        new ReturnAuthorization.Line("2", "BIT-10", Map.of(), 1, null)),
                false);

        X12Interchange read = readBack(writer.returnAuthorization180(partner, authorization), partner);

        assertThat(read.groups().get(0).functionalId()).isEqualTo("AN");
        JsonNode json = onlySet(read, "180");
        JsonNode bgn = json.path("BGN");
        assertThat(List.of(s(bgn, "BGN01"), s(bgn, "BGN02"), s(bgn, "BGN03"), s(bgn, "BGN04")))
                .containsExactly("00", "RMA-00000042", "20261120", "0905");
        assertThat(List.of(s(json.path("PRF"), "PRF01"), s(json.path("PRF"), "PRF04")))
                .containsExactly("4500012345", "20261101");
        assertThat(List.of(
                        s(json.path("N9").get(0), "N901"),
                        s(json.path("N9").get(0), "N902"),
                        s(json.path("N9").get(1), "N901"),
                        s(json.path("N9").get(1), "N903")))
                .containsExactly("RZ", "RMA-00000042", "ZZ", "customer call");
        JsonNode lines = json.path("BLI");
        assertThat(lines).hasSize(2);
        JsonNode first = lines.get(0);
        assertThat(List.of(
                        s(first, "BLI01"),
                        s(first, "BLI02"),
                        s(first, "BLI03"),
                        s(first, "BLI04"),
                        s(first, "BLI08"),
                        s(first, "BLI09")))
                .containsExactly("VP", "DRILL-18V", "2", "EA", "UP", "012345678905");
        assertThat(List.of(
                        s(first.path("N9").get(0), "N901"), s(first.path("N9").get(0), "N902")))
                .containsExactly("LI", "1");
        assertThat(s(first.path("PID").get(0), "PID05")).isEqualTo("wrong size");
        JsonNode second = lines.get(1);
        assertThat(List.of(s(second, "BLI01"), s(second, "BLI02"), s(second, "BLI03")))
                .containsExactly("SK", "BIT-10", "1");
        assertThat(second.has("PID")).isFalse();
    }

    @ParameterizedTest
    @MethodSource("partners")
    void returnAuthorizationCancelled(PartnerEnvelope partner) {
        ReturnAuthorization cancellation = new ReturnAuthorization(
                "RMA-00000043",
                "4500012345",
                null,
                Instant.parse("2026-11-21T14:30:00Z"),
                null,
                List.of(new ReturnAuthorization.Line("1", "DRILL-18V", Map.of(), 2, null)),
                true);

        JsonNode json = onlySet(readBack(writer.returnAuthorization180(partner, cancellation), partner), "180");

        JsonNode bgn = json.path("BGN");
        assertThat(List.of(s(bgn, "BGN01"), s(bgn, "BGN02"), s(bgn, "BGN03"), s(bgn, "BGN04")))
                .containsExactly("01", "RMA-00000043", "20261121", "1430");
        assertThat(json.has("DTM"))
                .as("no authorisation date in a cancellation")
                .isFalse();
        assertThat(s(json.path("BLI").get(0), "BLI03")).isEqualTo("2");
    }

    // --- 812 ---------------------------------------------------------------------------------------------------

    @ParameterizedTest
    @MethodSource("partners")
    void creditAdjustmentPerCreditedLine(PartnerEnvelope partner) {
        CreditAdjustment memo = new CreditAdjustment(
                "CM-00000007",
                LocalDate.of(2026, 11, 21),
                new BigDecimal("265.31"),
                "USD",
                "INV-00000003",
                LocalDate.of(2026, 11, 4),
                "4500012345",
                LocalDate.of(2026, 11, 1),
                List.of(new CreditAdjustment.Line(
                        "1",
                        "DRILL-18V",
                        Map.of("VP", "DRILL-18V", "UP", "012345678905"),
                        "RA",
                        2,
                        new BigDecimal("122.55"),
                        new BigDecimal("265.31"),
                        null)));

        X12Interchange read = readBack(writer.creditAdjustment812(partner, memo), partner);

        assertThat(read.groups().get(0).functionalId()).isEqualTo("CD");
        JsonNode json = onlySet(read, "812");
        JsonNode bcd = json.path("BCD");
        assertThat(List.of(
                        s(bcd, "BCD01"),
                        s(bcd, "BCD02"),
                        s(bcd, "BCD03"),
                        s(bcd, "BCD04"),
                        s(bcd, "BCD05"),
                        s(bcd, "BCD06"),
                        s(bcd, "BCD07"),
                        s(bcd, "BCD09"),
                        s(bcd, "BCD10")))
                .containsExactly(
                        "20261121",
                        "CM-00000007",
                        "I",
                        "26531",
                        "C",
                        "20261104",
                        "INV-00000003",
                        "20261101",
                        "4500012345");
        assertThat(s(json.path("CUR"), "CUR02")).isEqualTo("USD");
        JsonNode line = json.path("CDD").get(0);
        assertThat(List.of(
                        s(line, "CDD01"),
                        s(line, "CDD02"),
                        s(line, "CDD03"),
                        s(line, "CDD04"),
                        s(line, "CDD07"),
                        s(line, "CDD08"),
                        s(line, "CDD11")))
                .containsExactly("RA", "C", "1", "26531", "2", "EA", "122.55");
        assertThat(List.of(
                        s(line.path("LIN"), "LIN01"),
                        s(line.path("LIN"), "LIN02"),
                        s(line.path("LIN"), "LIN03"),
                        s(line.path("LIN"), "LIN04")))
                .containsExactly("1", "VP", "DRILL-18V", "UP");
    }

    @ParameterizedTest
    @MethodSource("partners")
    void creditAdjustmentOfAnAppeasementAndADeliveryCharge(PartnerEnvelope partner) {
        CreditAdjustment memo = new CreditAdjustment(
                "CM-00000008",
                LocalDate.of(2026, 11, 22),
                new BigDecimal("25.00"),
                "USD",
                null,
                null,
                "4500012345",
                null,
                List.of(
                        new CreditAdjustment.Line(
                                "2",
                                "BIT-10",
                                Map.of(),
                                CreditAdjustment.PRICING,
                                0,
                                null,
                                new BigDecimal("10.00"),
                                null),
                        new CreditAdjustment.Line(
                                null,
                                null,
                                Map.of(),
                                CreditAdjustment.AUTHORIZED_RETURN,
                                0,
                                null,
                                new BigDecimal("15.00"),
                                "DELIVERY charge of delivery group 1")));

        JsonNode json = onlySet(readBack(writer.creditAdjustment812(partner, memo), partner), "812");

        assertThat(s(json.path("BCD"), "BCD07")).as("no invoice named").isEmpty();
        JsonNode appeasement = json.path("CDD").get(0);
        assertThat(List.of(s(appeasement, "CDD01"), s(appeasement, "CDD03"), s(appeasement, "CDD04")))
                .containsExactly("01", "2", "1000");
        assertThat(s(appeasement, "CDD07")).as("an amount, not units").isEmpty();
        assertThat(List.of(s(appeasement.path("LIN"), "LIN02"), s(appeasement.path("LIN"), "LIN03")))
                .containsExactly("SK", "BIT-10");
        JsonNode charge = json.path("CDD").get(1);
        assertThat(List.of(s(charge, "CDD01"), s(charge, "CDD03"), s(charge, "CDD04")))
                .containsExactly("72", "", "1500");
        assertThat(charge.has("LIN")).isFalse();
        assertThat(s(charge.path("PID").get(0), "PID05")).isEqualTo("DELIVERY charge of delivery group 1");
    }

    // --- 810 ---------------------------------------------------------------------------------------------------

    @ParameterizedTest
    @MethodSource("partners")
    void invoiceWithTaxChargesAndTotalInCents(PartnerEnvelope partner) {
        InvoiceDocument invoice = new InvoiceDocument(
                "INV-2026-0001",
                LocalDate.of(2026, 11, 4),
                "4500012345",
                LocalDate.of(2026, 11, 1),
                "USD",
                List.of(
                        new InvoiceDocument.Line(
                                "1",
                                "DRILL-18V",
                                Map.of("VP", "DRILL-18V"),
                                4,
                                new BigDecimal("129.00"),
                                "Cordless drill 18V"),
                        new InvoiceDocument.Line("2", "BIT-10", Map.of(), 10, new BigDecimal("4.50"), null)),
                new BigDecimal("44.29"),
                List.of(
                        new InvoiceDocument.Charge("DELIVERY", new BigDecimal("20.00"), null),
                        new InvoiceDocument.Charge("DISCOUNT", new BigDecimal("-25.80"), "contract 5%")),
                new BigDecimal("599.49"));

        X12Interchange read = readBack(writer.invoice810(partner, invoice), partner);

        assertThat(read.groups().get(0).functionalId()).isEqualTo("IN");
        JsonNode json = onlySet(read, "810");
        JsonNode big = json.path("BIG");
        assertThat(List.of(s(big, "BIG01"), s(big, "BIG02"), s(big, "BIG03"), s(big, "BIG04")))
                .containsExactly("20261104", "INV-2026-0001", "20261101", "4500012345");
        assertThat(List.of(s(json.path("CUR"), "CUR01"), s(json.path("CUR"), "CUR02")))
                .containsExactly("SE", "USD");
        JsonNode lines = json.path("IT1");
        assertThat(lines).hasSize(2);
        assertThat(List.of(
                        s(lines.get(0), "IT101"),
                        s(lines.get(0), "IT102"),
                        s(lines.get(0), "IT103"),
                        s(lines.get(0), "IT104"),
                        s(lines.get(0), "IT106"),
                        s(lines.get(0), "IT107")))
                .containsExactly("1", "4", "EA", "129.00", "VP", "DRILL-18V");
        assertThat(s(lines.get(0).path("PID").get(0), "PID05")).isEqualTo("Cordless drill 18V");
        assertThat(s(lines.get(1), "IT104")).isEqualTo("4.50");
        assertThat(s(json.path("TDS"), "TDS01")).as("implied cents").isEqualTo("59949");
        assertThat(List.of(
                        s(json.path("TXI").get(0), "TXI01"), s(json.path("TXI").get(0), "TXI02")))
                .containsExactly("TX", "44.29");
        JsonNode charges = json.path("SAC");
        assertThat(List.of(s(charges.get(0), "SAC01"), s(charges.get(0), "SAC02"), s(charges.get(0), "SAC05")))
                .containsExactly("C", "D240", "2000");
        assertThat(List.of(
                        s(charges.get(1), "SAC01"),
                        s(charges.get(1), "SAC02"),
                        s(charges.get(1), "SAC05"),
                        s(charges.get(1), "SAC15")))
                .containsExactly("A", "C310", "2580", "contract 5%");
        assertThat(List.of(s(json.path("CTT"), "CTT01"), s(json.path("CTT"), "CTT02")))
                .containsExactly("2", "14");
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

        X12Document document = new X12Writer(numbers, CLOCK)
                .poAck855(partner, new PoAck("PO-1", LocalDate.of(2026, 11, 2), PoAck.Status.REJECTED, List.of()));

        assertThat(asked).containsExactly("demo/ISA", "demo/GS", "demo/ST");
        assertThat(document.controlNumber()).isEqualTo(42);
        assertThat(document.fileName()).isEqualTo("855-demo-000000042.edi");
        assertThat(document.text())
                .contains(
                        "*000000042*0*T*>~\n",
                        "GS*PR*ORDERHUB*DEMOPARTNER*20261102*1015*43*X*004010~",
                        "ST*855*0044~",
                        "SE*3*0044~",
                        "GE*1*43~",
                        "IEA*1*000000042~");
    }

    @Test
    void refusesToWriteWhatThePartnerWouldReject() {
        PartnerEnvelope partner = partners().findFirst().orElseThrow();
        PoAck tooLong = new PoAck("P".repeat(30), LocalDate.of(2026, 11, 2), PoAck.Status.ACCEPTED, List.of());

        assertThatThrownBy(() -> writer.poAck855(partner, tooLong))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("BAK03")
                .hasMessageContaining("DATA_ELEMENT_TOO_LONG");
    }

    @Test
    void separatorsAreRemovedFromFreeText() {
        PartnerEnvelope partner = partners().findFirst().orElseThrow();
        InvoiceDocument invoice = new InvoiceDocument(
                "INV-9",
                LocalDate.of(2026, 11, 4),
                "PO-9",
                null,
                null,
                List.of(new InvoiceDocument.Line("1", "X", Map.of(), 1, BigDecimal.ONE, "2*4 board~pine>dry")),
                null,
                List.of(),
                BigDecimal.ONE);

        JsonNode json = onlySet(readBack(writer.invoice810(partner, invoice), partner), "810");

        assertThat(s(json.path("IT1").get(0).path("PID").get(0), "PID05")).isEqualTo("2 4 board pine dry");
    }

    @Test
    void partnerEnvelopeIsCheckedWhenBuilt() {
        assertThatThrownBy(() -> PartnerEnvelope.of("p", "ZZ", "US", "ZZ", "THEM", "003040", 'T'))
                .hasMessageContaining("version");
        assertThatThrownBy(() -> new PartnerEnvelope(
                        "p", "ZZ", "US1", "ZZ", "THEM", "US1", "THEM", "004010", '~', '*', '*', '^', 'T', true))
                .hasMessageContaining("separators");
        assertThatThrownBy(() -> PartnerEnvelope.of("p", "ZZ", "A-VERY-LONG-SENDER-ID", "ZZ", "THEM", "004010", 'T'))
                .hasMessageContaining("ourId");
        assertThatThrownBy(() -> PartnerEnvelope.of("p", "ZZ", "US1", "ZZ", "THEM", "004010", 'X'))
                .hasMessageContaining("usage");
    }
}
