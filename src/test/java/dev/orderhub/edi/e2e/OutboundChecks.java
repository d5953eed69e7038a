package dev.orderhub.edi.e2e;

import static dev.orderhub.edi.e2e.EdiKit.all;
import static dev.orderhub.edi.e2e.EdiKit.cents;
import static dev.orderhub.edi.e2e.EdiKit.hl;
import static dev.orderhub.edi.e2e.EdiKit.hls;
import static dev.orderhub.edi.e2e.EdiKit.idPairs;
import static dev.orderhub.edi.e2e.EdiKit.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.orderhub.edi.X12Group;
import dev.orderhub.edi.X12Interchange;
import dev.orderhub.edi.X12TransactionSet;
import dev.orderhub.edi.e2e.EdiKit.Doc;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import tools.jackson.databind.JsonNode;

/**
 * The partner's checks on every document orderhub sends: the interchange is read back by StAEDI with validation on
 * and must be clean at every level (envelope, group, set); the envelope must address the partner as its profile
 * says; and each set is checked field by field against the order, shipment or invoice it reports.
 */
final class OutboundChecks {
    static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyyMMdd");

    /**
     * How the partner's profile says orderhub writes to it.
     *
     * @param id             the hub's partner id (part of the file names)
     * @param theirId        ISA08 and GS03
     * @param controlVersion ISA12
     * @param release        GS08
     * @param element        element separator
     * @param component      component separator (ISA16)
     * @param repetition     ISA11 from 005010 on; null for 004010 (ISA11 is then {@code U})
     * @param terminator     segment terminator (a line feed follows it)
     */
    record Profile(
            String id,
            String theirId,
            String controlVersion,
            String release,
            char element,
            char component,
            Character repetition,
            char terminator) {}

    static final Profile SFTP_TEST = new Profile("sftp-test", "SFTPPARTNER", "00501", "005010", '*', ':', '^', '~');
    static final Profile DEMO = new Profile("demo", "DEMOPARTNER", "00401", "004010", '*', '>', null, '~');

    private OutboundChecks() {}

    // ---- envelope ----------------------------------------------------------------------------------------------

    /** Validation clean at every level, and the ISA/GS/ST envelope as the profile says. */
    static void envelope(Doc doc, Profile partner, String functionalId, String setId) {
        X12Interchange interchange = doc.interchange();
        assertThat(interchange.errors()).as("envelope errors in %s", doc).isEmpty();
        for (X12Group group : interchange.groups()) {
            assertThat(group.errors()).as("group errors in %s", doc).isEmpty();
        }
        for (X12TransactionSet set : interchange.sets()) {
            assertThat(set.errors()).as("set errors in %s", doc).isEmpty();
        }
        isa(doc, partner, partner.theirId());
        assertThat(interchange.groups()).as("one group in %s", doc).hasSize(1);
        X12Group group = interchange.groups().get(0);
        assertThat(group.functionalId()).as("GS01 of %s", doc).isEqualTo(functionalId);
        assertThat(group.envelope().path("senderId").asString()).as("GS02").isEqualTo("ORDERHUB");
        assertThat(group.envelope().path("receiverId").asString()).as("GS03").isEqualTo(partner.theirId());
        assertThat(group.envelope().path("release").asString()).as("GS08").isEqualTo(partner.release());
        assertThat(group.envelope().path("agency").asString()).as("GS07").isEqualTo("X");
        assertThat(group.controlNumber()).as("GS06").matches("\\d{1,9}");
        assertThat(group.declaredSets()).as("GE01").isEqualTo(1);
        assertThat(group.sets()).as("one set in %s", doc).hasSize(1);
        X12TransactionSet set = group.sets().get(0);
        assertThat(set.id()).as("ST01").isEqualTo(setId);
        assertThat(set.controlNumber()).as("ST02").matches("\\d{4,9}");
        assertThat(doc.kind()).as("file name starts with the set id").isEqualTo(setId);
    }

    /** ISA (and TA1 interchanges too): our ids as sender, the partner as receiver, its version and separators. */
    static void isa(Doc doc, Profile partner, String receiverId) {
        X12Interchange interchange = doc.interchange();
        assertThat(doc.partnerId())
                .as("partner in the file name %s", doc.file().getFileName())
                .isEqualTo(partner.id());
        assertThat(interchange.senderQualifier()).as("ISA05").isEqualTo("ZZ");
        assertThat(interchange.senderId()).as("ISA06").isEqualTo("ORDERHUB");
        assertThat(interchange.receiverQualifier()).as("ISA07").isEqualTo("ZZ");
        assertThat(interchange.receiverId()).as("ISA08").isEqualTo(receiverId);
        assertThat(interchange.envelope().path("controlVersion").asString())
                .as("ISA12")
                .isEqualTo(partner.controlVersion());
        assertThat(interchange.usage()).as("ISA15").isEqualTo("T");
        assertThat(interchange.controlNumber())
                .as("ISA13 is the number in the file name")
                .isEqualTo(doc.nameControl());
        assertThat(interchange.envelope().path("elementSeparator").asString())
                .isEqualTo(String.valueOf(partner.element()));
        assertThat(interchange.envelope().path("componentSeparator").asString())
                .as("ISA16")
                .isEqualTo(String.valueOf(partner.component()));
        assertThat(interchange.envelope().path("segmentTerminator").asString())
                .isEqualTo(String.valueOf(partner.terminator()));
        if (partner.repetition() != null) {
            assertThat(interchange.envelope().path("repetitionSeparator").asString())
                    .as("ISA11")
                    .isEqualTo(String.valueOf(partner.repetition()));
        } else {
            assertThat(doc.text())
                    .as("ISA11 of a 004010 interchange")
                    .startsWith(String.join(
                                    String.valueOf(partner.element()),
                                    "ISA",
                                    "00",
                                    " ".repeat(10),
                                    "00",
                                    " ".repeat(10),
                                    "ZZ",
                                    String.format("%-15s", "ORDERHUB"),
                                    "ZZ",
                                    String.format("%-15s", receiverId))
                            + partner.element()
                            + interchange.envelope().path("date").asString() + partner.element()
                            + interchange.envelope().path("time").asString() + partner.element() + "U"
                            + partner.element());
        }
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        assertThat(interchange.envelope().path("date").asString())
                .as("ISA09")
                .isIn(
                        today.format(DateTimeFormatter.ofPattern("yyMMdd")),
                        today.minusDays(1).format(DateTimeFormatter.ofPattern("yyMMdd")));
        String lineEnd = partner.terminator() + "\n";
        assertThat(doc.text()).as("a line break after every segment").endsWith(lineEnd);
        assertThat(doc.text().replace(lineEnd, ""))
                .as("no terminator without its line break")
                .doesNotContain(String.valueOf(partner.terminator()));
    }

    // ---- 997 ---------------------------------------------------------------------------------------------------

    /** What a 997 says about one received set: AK501, AK502 codes and the AK3 segment notes. */
    record SetAck(
            String id,
            String control,
            String implementationReference,
            String status,
            List<String> codes,
            List<SegmentNote> notes) {}

    /** One AK3 with its AK4s. */
    record SegmentNote(String segment, String position, String code, List<ElementNote> elements) {}

    /** One AK4: position (AK401-1), element reference number (AK402), code (AK403), copy of the bad data (AK404). */
    record ElementNote(String position, String reference, String code, String data) {}

    /** The AK2 loops of a 997, as the partner reads them. */
    static List<SetAck> setAcks(Doc doc) {
        List<SetAck> acks = new ArrayList<>();
        for (JsonNode ak2 : all(doc.json(), "AK2")) {
            List<SegmentNote> notes = new ArrayList<>();
            for (JsonNode ak3 : all(ak2, "AK3")) {
                List<ElementNote> elements = new ArrayList<>();
                for (JsonNode ak4 : all(ak3, "AK4")) {
                    elements.add(new ElementNote(
                            text(ak4, "AK401"), text(ak4, "AK402"), text(ak4, "AK403"), text(ak4, "AK404")));
                }
                notes.add(new SegmentNote(text(ak3, "AK301"), text(ak3, "AK302"), text(ak3, "AK304"), elements));
            }
            JsonNode ak5 = ak2.path("AK5");
            List<String> codes = new ArrayList<>();
            for (String element : List.of("AK502", "AK503", "AK504", "AK505", "AK506")) {
                if (!text(ak5, element).isEmpty()) {
                    codes.add(text(ak5, element));
                }
            }
            acks.add(new SetAck(
                    text(ak2, "AK201"), text(ak2, "AK202"), text(ak2, "AK203"), text(ak5, "AK501"), codes, notes));
        }
        return acks;
    }

    /** AK1 names the received group; AK9 gives its verdict and the set counts. */
    static void ak1Ak9(
            Doc doc,
            Profile partner,
            String groupControl,
            String groupRelease,
            String verdict,
            int declared,
            int received,
            int accepted) {
        envelope(doc, partner, "FA", "997");
        JsonNode set = doc.json();
        JsonNode ak1 = set.path("AK1");
        assertThat(text(ak1, "AK101")).as("AK101").isEqualTo("PO");
        assertThat(text(ak1, "AK102")).as("AK102").isEqualTo(groupControl);
        if (partner.repetition() != null) {
            assertThat(text(ak1, "AK103"))
                    .as("AK103 (005010: the group's GS08)")
                    .isEqualTo(groupRelease);
        } else {
            assertThat(text(ak1, "AK103")).as("no AK103 before 005010").isEmpty();
        }
        JsonNode ak9 = set.path("AK9");
        assertThat(List.of(text(ak9, "AK901"), text(ak9, "AK902"), text(ak9, "AK903"), text(ak9, "AK904")))
                .as("AK901-AK904 in %s", doc)
                .containsExactly(verdict, String.valueOf(declared), String.valueOf(received), String.valueOf(accepted));
    }

    /** A 997 that accepts every set of a clean group: AK2 per set with AK5*A and no notes, AK9*A. */
    static void acceptsAll(
            Doc doc, Profile partner, String groupControl, String groupRelease, List<X12Sample.Set> sets) {
        ak1Ak9(doc, partner, groupControl, groupRelease, "A", sets.size(), sets.size(), sets.size());
        List<SetAck> acks = setAcks(doc);
        assertThat(acks).as("AK2 loops in %s", doc).hasSize(sets.size());
        for (int i = 0; i < sets.size(); i++) {
            X12Sample.Set sent = sets.get(i);
            SetAck ack = acks.get(i);
            assertThat(ack.id()).as("AK201").isEqualTo(sent.id());
            assertThat(ack.control()).as("AK202").isEqualTo(sent.control());
            if (partner.repetition() != null && sent.implementationReference() != null) {
                assertThat(ack.implementationReference()).as("AK203").isEqualTo(sent.implementationReference());
            } else {
                assertThat(ack.implementationReference()).as("AK203").isEmpty();
            }
            assertThat(ack.status())
                    .as("AK501 of set %s in %s", sent.control(), doc)
                    .isEqualTo("A");
            assertThat(ack.codes()).as("AK502").isEmpty();
            assertThat(ack.notes()).as("AK3 of an accepted set").isEmpty();
        }
    }

    // ---- 855 ---------------------------------------------------------------------------------------------------

    /**
     * The 855 of an accepted order: BAK*00*AD with the PO number and date, per line PO1 as ordered and ACK*IA with the
     * quantity, the sku's id pair first; CTT with the line count and the quantity hash total.
     */
    static void acceptance855(Doc doc, Profile partner, JsonNode order, String poDate) {
        envelope(doc, partner, "PR", "855");
        JsonNode set = doc.json();
        SoftAssertions soft = new SoftAssertions();
        JsonNode bak = set.path("BAK");
        soft.assertThat(text(bak, "BAK01")).as("BAK01").isEqualTo("00");
        soft.assertThat(text(bak, "BAK02")).as("BAK02 acknowledge, no change").isEqualTo("AD");
        soft.assertThat(text(bak, "BAK03"))
                .as("BAK03")
                .isEqualTo(order.path("externalOrderId").asString());
        soft.assertThat(text(bak, "BAK04")).as("BAK04").isEqualTo(poDate);
        soft.assertThat(text(bak, "BAK09")).as("BAK09 acknowledgment date").isIn(today(), yesterday());
        List<JsonNode> po1s = all(set, "PO1");
        List<JsonNode> lines = list(order.path("lines"));
        soft.assertThat(po1s).as("PO1 per line in %s", doc).hasSize(lines.size());
        int hash = 0;
        for (int i = 0; i < Math.min(po1s.size(), lines.size()); i++) {
            JsonNode po1 = po1s.get(i);
            JsonNode line = lines.get(i);
            int quantity = line.path("quantity").asInt();
            hash += quantity;
            soft.assertThat(text(po1, "PO101"))
                    .as("PO101")
                    .isEqualTo(line.path("lineId").asString());
            soft.assertThat(text(po1, "PO102")).as("PO102").isEqualTo(String.valueOf(quantity));
            soft.assertThat(text(po1, "PO103")).as("PO103").isEqualTo("EA");
            soft.assertThat(new BigDecimal(text(po1, "PO104")))
                    .as("PO104")
                    .isEqualByComparingTo(line.path("unitPrice").asString());
            productIds(soft, "PO1", po1, line);
            List<JsonNode> acks = all(po1, "ACK");
            soft.assertThat(acks)
                    .as("one ACK for PO1 %s", line.path("lineId").asString())
                    .hasSize(1);
            if (acks.size() == 1) {
                JsonNode ack = acks.get(0);
                soft.assertThat(text(ack, "ACK01")).as("ACK01 item accepted").isEqualTo("IA");
                soft.assertThat(text(ack, "ACK02")).as("ACK02").isEqualTo(String.valueOf(quantity));
                soft.assertThat(text(ack, "ACK03")).as("ACK03").isEqualTo("EA");
                soft.assertThat(idPairs(ack))
                        .as("ACK07/08: the sku's pair")
                        .containsExactly(skuQualifier(line), line.path("sku").asString());
            }
        }
        JsonNode ctt = set.path("CTT");
        soft.assertThat(text(ctt, "CTT01")).as("CTT01 line count").isEqualTo(String.valueOf(lines.size()));
        soft.assertThat(text(ctt, "CTT02")).as("CTT02 quantity hash total").isEqualTo(String.valueOf(hash));
        soft.assertAll();
    }

    // ---- 856 ---------------------------------------------------------------------------------------------------

    /**
     * The 856 of one shipment: BSN with the shipment id; HL shipment (TD5 carrier and service, REF*CN tracking
     * number, DTM*011 shipped, N1*ST the ship-to) → HL order (PRF with PO number and date) → HL item per shipped line
     * (LIN with the sku's pair first, SN1 quantity); CTT with the number of HLs and the units.
     */
    static void shipNotice856(
            Doc doc, Profile partner, JsonNode order, JsonNode fulfillmentOrder, JsonNode shipment, String poDate) {
        envelope(doc, partner, "SH", "856");
        JsonNode set = doc.json();
        SoftAssertions soft = new SoftAssertions();
        JsonNode bsn = set.path("BSN");
        soft.assertThat(text(bsn, "BSN01")).as("BSN01").isEqualTo("00");
        soft.assertThat(text(bsn, "BSN02"))
                .as("BSN02 shipment id")
                .isEqualTo(shipment.path("id").asString());
        soft.assertThat(text(bsn, "BSN03")).as("BSN03").isIn(today(), yesterday());
        soft.assertThat(text(bsn, "BSN04")).as("BSN04").matches("\\d{4}");

        List<JsonNode> all = all(set, "HL");
        List<JsonNode> items = hls(set, "I");
        List<JsonNode> shipped = list(shipment.path("lines"));
        soft.assertThat(hls(set, "S")).as("one shipment HL").hasSize(1);
        soft.assertThat(hls(set, "O")).as("one order HL").hasSize(1);
        soft.assertThat(items).as("an item HL per shipped line").hasSize(shipped.size());
        soft.assertThat(all).as("HLs").hasSize(2 + shipped.size());

        JsonNode s = hl(set, "S");
        soft.assertThat(text(s, "HL01")).as("shipment HL01").isEqualTo("1");
        soft.assertThat(text(s, "HL02")).as("shipment HL02 (no parent)").isEmpty();
        List<JsonNode> td5 = all(s, "TD5");
        soft.assertThat(td5).as("TD5").hasSize(1);
        if (!td5.isEmpty()) {
            soft.assertThat(text(td5.get(0), "TD502")).as("TD502").isEqualTo("2");
            soft.assertThat(text(td5.get(0), "TD503"))
                    .as("TD503 carrier")
                    .isEqualTo(shipment.path("carrier").asString());
            soft.assertThat(text(td5.get(0), "TD505"))
                    .as("TD505 service")
                    .isEqualTo(shipment.path("service").asString());
        }
        List<JsonNode> refs = all(s, "REF");
        soft.assertThat(refs).as("REF*CN").hasSize(1);
        if (!refs.isEmpty()) {
            soft.assertThat(text(refs.get(0), "REF01")).isEqualTo("CN");
            soft.assertThat(text(refs.get(0), "REF02"))
                    .as("REF02 tracking number")
                    .isEqualTo(shipment.path("trackingNumber").asString())
                    .isNotBlank();
        }
        List<JsonNode> dtms = all(s, "DTM");
        soft.assertThat(dtms).as("DTM*011").hasSize(1);
        if (!dtms.isEmpty()) {
            Instant shippedAt = Instant.parse(shipment.path("shippedAt").asString());
            soft.assertThat(text(dtms.get(0), "DTM01")).isEqualTo("011");
            soft.assertThat(text(dtms.get(0), "DTM02"))
                    .as("DTM02 shipped date")
                    .isEqualTo(shippedAt.atZone(ZoneOffset.UTC).format(DATE));
            soft.assertThat(text(dtms.get(0), "DTM03"))
                    .as("DTM03 shipped time")
                    .isEqualTo(shippedAt.atZone(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("HHmm")));
        }
        List<JsonNode> n1s = all(s, "N1");
        soft.assertThat(n1s).as("N1*ST").hasSize(1);
        if (!n1s.isEmpty()) {
            JsonNode shipTo = fulfillmentOrderShipTo(fulfillmentOrder, order);
            JsonNode n1 = n1s.get(0);
            soft.assertThat(text(n1, "N101")).isEqualTo("ST");
            soft.assertThat(text(n1, "N102"))
                    .as("N102")
                    .isEqualTo(shipTo.path("name").asString());
            soft.assertThat(text(all(n1, "N3").get(0), "N301"))
                    .as("N301")
                    .isEqualTo(shipTo.path("line1").asString());
            JsonNode n4 = n1.path("N4");
            soft.assertThat(List.of(text(n4, "N401"), text(n4, "N402"), text(n4, "N403"), text(n4, "N404")))
                    .as("N4")
                    .containsExactly(
                            shipTo.path("city").asString(),
                            shipTo.path("region").asString(),
                            shipTo.path("postalCode").asString(),
                            shipTo.path("country").asString());
        }

        JsonNode o = hl(set, "O");
        soft.assertThat(text(o, "HL01")).as("order HL01").isEqualTo("2");
        soft.assertThat(text(o, "HL02")).as("order HL02: child of the shipment").isEqualTo("1");
        soft.assertThat(text(o.path("PRF"), "PRF01"))
                .as("PRF01 PO number")
                .isEqualTo(order.path("externalOrderId").asString());
        soft.assertThat(text(o.path("PRF"), "PRF04")).as("PRF04 PO date").isEqualTo(poDate);

        int units = 0;
        for (int i = 0; i < Math.min(items.size(), shipped.size()); i++) {
            JsonNode item = items.get(i);
            JsonNode shippedLine = shipped.get(i);
            JsonNode line = line(order, shippedLine.path("lineId").asString());
            int quantity = shippedLine.path("quantity").asInt();
            units += quantity;
            soft.assertThat(text(item, "HL01")).as("item HL01").isEqualTo(String.valueOf(3 + i));
            soft.assertThat(text(item, "HL02"))
                    .as("item HL02: child of the order")
                    .isEqualTo("2");
            JsonNode lin = item.path("LIN");
            soft.assertThat(text(lin, "LIN01"))
                    .as("LIN01")
                    .isEqualTo(line.path("lineId").asString());
            productIds(soft, "LIN", lin, line);
            JsonNode sn1 = item.path("SN1");
            soft.assertThat(text(sn1, "SN102")).as("SN102 units shipped").isEqualTo(String.valueOf(quantity));
            soft.assertThat(text(sn1, "SN103")).as("SN103").isEqualTo("EA");
        }
        JsonNode ctt = set.path("CTT");
        soft.assertThat(text(ctt, "CTT01")).as("CTT01 number of HLs").isEqualTo(String.valueOf(all.size()));
        soft.assertThat(text(ctt, "CTT02")).as("CTT02 units shipped").isEqualTo(String.valueOf(units));
        soft.assertAll();
    }

    // ---- 810 ---------------------------------------------------------------------------------------------------

    /**
     * The 810 of one invoice: BIG with invoice date and number, PO date and number; CUR; IT1 per invoiced line with
     * the sku's pair first; TDS the total in cents; TXI the tax; SAC per charge or allowance; CTT. The amounts add
     * up: IT1 quantity × price + charges − allowances + tax = TDS.
     */
    static void invoice810(Doc doc, Profile partner, JsonNode order, JsonNode invoice, String poDate) {
        envelope(doc, partner, "IN", "810");
        JsonNode set = doc.json();
        SoftAssertions soft = new SoftAssertions();
        JsonNode big = set.path("BIG");
        String invoiceDate = Instant.parse(invoice.path("postedAt").asString())
                .atZone(ZoneOffset.UTC)
                .format(DATE);
        soft.assertThat(text(big, "BIG01")).as("BIG01 invoice date").isEqualTo(invoiceDate);
        soft.assertThat(text(big, "BIG02"))
                .as("BIG02 invoice number")
                .isEqualTo(invoice.path("number").asString())
                .isNotBlank();
        soft.assertThat(text(big, "BIG03")).as("BIG03 PO date").isEqualTo(poDate);
        soft.assertThat(text(big, "BIG04"))
                .as("BIG04 PO number")
                .isEqualTo(order.path("externalOrderId").asString());
        soft.assertThat(List.of(text(set.path("CUR"), "CUR01"), text(set.path("CUR"), "CUR02")))
                .as("CUR")
                .containsExactly("SE", invoice.path("currency").asString());

        List<JsonNode> it1s = all(set, "IT1");
        List<JsonNode> lines = list(invoice.path("lines"));
        soft.assertThat(it1s).as("IT1 per invoiced line in %s", doc).hasSize(lines.size());
        BigDecimal sum = BigDecimal.ZERO;
        int units = 0;
        for (int i = 0; i < Math.min(it1s.size(), lines.size()); i++) {
            JsonNode it1 = it1s.get(i);
            JsonNode invoiced = lines.get(i);
            JsonNode line = line(order, invoiced.path("lineId").asString());
            int quantity = invoiced.path("quantity").asInt();
            units += quantity;
            soft.assertThat(text(it1, "IT101"))
                    .as("IT101")
                    .isEqualTo(invoiced.path("lineId").asString());
            soft.assertThat(text(it1, "IT102")).as("IT102").isEqualTo(String.valueOf(quantity));
            soft.assertThat(text(it1, "IT103")).as("IT103").isEqualTo("EA");
            BigDecimal price = new BigDecimal(text(it1, "IT104"));
            soft.assertThat(price)
                    .as("IT104")
                    .isEqualByComparingTo(invoiced.path("unitPrice").asString());
            soft.assertThat(price)
                    .as("IT104 is the ordered price")
                    .isEqualByComparingTo(line.path("unitPrice").asString());
            productIds(soft, "IT1", it1, line);
            sum = sum.add(price.multiply(BigDecimal.valueOf(quantity)));
        }
        JsonNode tds = set.path("TDS");
        BigDecimal total = new BigDecimal(invoice.path("total").asString());
        soft.assertThat(text(tds, "TDS01")).as("TDS01 total in cents").isEqualTo(cents(total));
        List<JsonNode> txis = all(set, "TXI");
        BigDecimal tax = new BigDecimal(invoice.path("tax").asString("0"));
        if (tax.signum() != 0) {
            soft.assertThat(txis).as("TXI").hasSize(1);
        }
        for (JsonNode txi : txis) {
            soft.assertThat(text(txi, "TXI01")).isEqualTo("TX");
            soft.assertThat(new BigDecimal(text(txi, "TXI02"))).as("TXI02 tax").isEqualByComparingTo(tax);
            sum = sum.add(new BigDecimal(text(txi, "TXI02")));
        }
        for (JsonNode sac : all(set, "SAC")) {
            BigDecimal amount = new BigDecimal(text(sac, "SAC05")).movePointLeft(2);
            soft.assertThat(text(sac, "SAC01")).as("SAC01").isIn("A", "C");
            sum = "A".equals(text(sac, "SAC01")) ? sum.subtract(amount) : sum.add(amount);
        }
        Map<String, BigDecimal> charged = new LinkedHashMap<>();
        for (JsonNode charge : invoice.path("charges")) {
            charged.merge(
                    sacCode(charge.path("type").asString()),
                    new BigDecimal(charge.path("amount").asString()),
                    BigDecimal::add);
        }
        for (Map.Entry<String, BigDecimal> charge : charged.entrySet()) {
            soft.assertThat(all(set, "SAC"))
                    .as("SAC for charge %s", charge.getKey())
                    .anySatisfy(sac -> {
                        assertThat(text(sac, "SAC02")).isEqualTo(charge.getKey());
                        assertThat(text(sac, "SAC05"))
                                .isEqualTo(cents(charge.getValue().abs()));
                    });
        }
        soft.assertThat(sum)
                .as("IT1 amounts + charges - allowances + tax = TDS in %s", doc)
                .isEqualByComparingTo(total);
        JsonNode ctt = set.path("CTT");
        soft.assertThat(text(ctt, "CTT01")).as("CTT01 line count").isEqualTo(String.valueOf(lines.size()));
        soft.assertThat(text(ctt, "CTT02")).as("CTT02 units").isEqualTo(String.valueOf(units));
        soft.assertAll();
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    /** The id pairs of a written line: the sku's pair first (partners match on it), then every other id sent. */
    private static void productIds(SoftAssertions soft, String segment, JsonNode written, JsonNode line) {
        List<String> pairs = idPairs(written);
        String sku = line.path("sku").asString();
        soft.assertThat(pairs)
                .as("%s id pairs of line %s", segment, line.path("lineId").asString())
                .startsWith(skuQualifier(line), sku);
        Map<String, String> writtenIds = new LinkedHashMap<>();
        for (int i = 0; i + 1 < pairs.size(); i += 2) {
            writtenIds.put(pairs.get(i), pairs.get(i + 1));
        }
        Map<String, String> sent = new LinkedHashMap<>();
        line.path("productIds")
                .properties()
                .forEach(e -> sent.put(e.getKey(), e.getValue().asString()));
        soft.assertThat(writtenIds)
                .as(
                        "%s carries every product id of line %s",
                        segment, line.path("lineId").asString())
                .isEqualTo(sent);
    }

    private static String skuQualifier(JsonNode line) {
        String sku = line.path("sku").asString();
        for (var e : line.path("productIds").properties()) {
            if (e.getValue().asString().equals(sku)) {
                return e.getKey();
            }
        }
        return "SK";
    }

    private static String sacCode(String chargeType) {
        return switch (chargeType) {
            case "DELIVERY" -> "D240";
            case "HANDLING" -> "D500";
            case "DISCOUNT" -> "C310";
            default -> "ZZZZ";
        };
    }

    private static JsonNode fulfillmentOrderShipTo(JsonNode fulfillmentOrder, JsonNode order) {
        // the fulfillment order ships to its delivery group's address
        String group = fulfillmentOrder.path("deliveryGroupId").asString();
        for (JsonNode dg : order.path("deliveryGroups")) {
            if (group.equals(dg.path("id").asString())) {
                return dg.path("shipTo");
            }
        }
        throw new AssertionError("no delivery group " + group + " in " + order);
    }

    static JsonNode line(JsonNode order, String lineId) {
        for (JsonNode line : order.path("lines")) {
            if (lineId.equals(line.path("lineId").asString())) {
                return line;
            }
        }
        throw new AssertionError(
                "no line " + lineId + " in order " + order.path("id").asString());
    }

    static List<JsonNode> list(JsonNode array) {
        List<JsonNode> out = new ArrayList<>();
        array.forEach(out::add);
        return out;
    }

    static String today() {
        return LocalDate.now(ZoneOffset.UTC).format(DATE);
    }

    static String yesterday() {
        return LocalDate.now(ZoneOffset.UTC).minusDays(1).format(DATE);
    }
}
