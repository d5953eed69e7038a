package dev.orderhub.edi;

import dev.orderhub.order.Address;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The content of the 855, 856, 810 and 180 orderhub sends (between ST and SE). */
final class BusinessDocuments {
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyyMMdd");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HHmm");
    private static final String EACH = "EA"; // the canonical order counts units; X12 wants a unit of measure
    private static final Map<String, String> SAC_CODES =
            Map.of("DELIVERY", "D240", "HANDLING", "D500", "DISCOUNT", "C310");

    private BusinessDocuments() {}

    /** BAK; per line PO1 (as ordered) and ACK (the verdict); CTT with the line count and quantity hash total. */
    static void write855(X12Output out, PoAck ack) {
        out.segment(
                "BAK",
                "00",
                ack.status().code(),
                ack.poNumber(),
                date(ack.poDate()),
                null,
                null,
                null,
                null,
                out.now().format(DATE));
        int hash = 0;
        for (PoAck.Line line : ack.lines()) {
            List<Object> po1 = new ArrayList<>(Arrays.asList(
                    line.lineNumber(), String.valueOf(line.orderedQuantity()), EACH, decimal(line.unitPrice()), ""));
            po1.addAll(idPairs(line.sku(), line.productIds(), 10));
            out.segment("PO1", po1.toArray());
            List<Object> ackSegment = new ArrayList<>(
                    List.of(line.status().code(), String.valueOf(line.ackedQuantity()), EACH, "", "", ""));
            ackSegment.addAll(idPairs(line.sku(), line.productIds(), 1));
            out.segment("ACK", ackSegment.toArray());
            hash += line.orderedQuantity();
        }
        if (!ack.lines().isEmpty()) {
            out.segment("CTT", String.valueOf(ack.lines().size()), String.valueOf(hash));
        }
    }

    /**
     * BSN; HL shipment (TD5 carrier, REF*CN tracking, DTM*011 shipped, N1*ST), HL order (PRF), HL item per line
     * (LIN, SN1); CTT with the number of HL segments (as VICS counts them) and the units shipped.
     */
    static void write856(X12Output out, ShipNotice notice) {
        out.segment(
                "BSN",
                "00",
                notice.shipmentId(),
                out.now().format(DATE),
                out.now().format(TIME),
                "0004");
        out.segment("HL", "1", null, "S");
        if (notice.carrier() != null) {
            out.segment("TD5", null, "2", notice.carrier(), null, out.clean(notice.service(), 35));
        }
        if (notice.trackingNumber() != null) {
            // REF02 holds 30 characters in 004010 and 50 from 005010: a longer number keeps its end, the unique part
            int room = out.partner().is5010() ? 50 : 30;
            String tracking = notice.trackingNumber();
            out.segment(
                    "REF", "CN", tracking.length() > room ? tracking.substring(tracking.length() - room) : tracking);
        }
        if (notice.shippedAt() != null) {
            ZonedDateTime shipped = notice.shippedAt().atZone(ZoneOffset.UTC);
            out.segment("DTM", "011", shipped.format(DATE), shipped.format(TIME));
        }
        if (notice.shipTo() != null) {
            party(out, "ST", notice.shipTo());
        }
        out.segment("HL", "2", "1", "O");
        out.segment("PRF", notice.poNumber(), null, null, date(notice.poDate()));
        int hl = 2;
        int units = 0;
        for (ShipNotice.Line line : notice.lines()) {
            out.segment("HL", String.valueOf(++hl), "2", "I");
            List<Object> lin = new ArrayList<>();
            lin.add(line.lineNumber());
            lin.addAll(idPairs(line.sku(), line.productIds(), 15));
            out.segment("LIN", lin.toArray());
            out.segment("SN1", null, String.valueOf(line.quantity()), EACH);
            units += line.quantity();
        }
        out.segment("CTT", String.valueOf(hl), String.valueOf(units));
    }

    /** BIG; CUR; per line IT1 (+ PID); TDS (total in cents); TXI; SAC per charge; CTT. */
    static void write810(X12Output out, InvoiceDocument invoice) {
        out.segment("BIG", date(invoice.date()), invoice.invoiceNumber(), date(invoice.poDate()), invoice.poNumber());
        if (invoice.currency() != null) {
            out.segment("CUR", "SE", invoice.currency());
        }
        int units = 0;
        for (InvoiceDocument.Line line : invoice.lines()) {
            List<Object> it1 = new ArrayList<>(Arrays.asList(
                    line.lineNumber(), String.valueOf(line.quantity()), EACH, decimal(line.unitPrice()), ""));
            it1.addAll(idPairs(line.sku(), line.productIds(), 10));
            out.segment("IT1", it1.toArray());
            if (line.description() != null && !line.description().isBlank()) {
                out.segment("PID", "F", null, null, null, out.clean(line.description(), 80));
            }
            units += line.quantity();
        }
        out.segment("TDS", cents(invoice.total()));
        if (invoice.taxTotal() != null) {
            out.segment("TXI", "TX", decimal(invoice.taxTotal()));
        }
        for (InvoiceDocument.Charge charge : invoice.charges()) {
            boolean allowance = charge.amount().signum() < 0;
            String description = charge.description() != null ? charge.description() : charge.type();
            out.segment(
                    "SAC",
                    allowance ? "A" : "C",
                    SAC_CODES.getOrDefault(charge.type(), "ZZZZ"),
                    null,
                    null,
                    cents(charge.amount().abs()),
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    out.clean(description, 80));
        }
        out.segment("CTT", String.valueOf(invoice.lines().size()), String.valueOf(units));
    }

    /**
     * BGN (original, or cancellation; the RMA number, authorised or cancelled when); PRF the PO; DTM*168 (release) the
     * authorisation, not in a cancellation; N9*RZ the RMA
     * (returned goods authorization number) and N9*ZZ its note; per line BLI (the item's id pairs, the quantity, EA),
     * N9*LI the PO line, PID*F the reason.
     */
    static void write180(X12Output out, ReturnAuthorization authorization) {
        ZonedDateTime authorized = authorization.authorizedAt().atZone(ZoneOffset.UTC);
        out.segment(
                "BGN",
                authorization.cancellation() ? "01" : "00",
                authorization.rma(),
                authorized.format(DATE),
                authorized.format(TIME));
        out.segment("PRF", authorization.poNumber(), null, null, date(authorization.poDate()));
        if (!authorization.cancellation()) {
            out.segment("DTM", "168", authorized.format(DATE), authorized.format(TIME));
        }
        out.segment("N9", "RZ", authorization.rma());
        if (authorization.note() != null && !authorization.note().isBlank()) {
            out.segment("N9", "ZZ", null, out.clean(authorization.note(), 45));
        }
        for (ReturnAuthorization.Line line : authorization.lines()) {
            List<String> ids = idPairs(line.sku(), line.productIds(), 4);
            List<Object> bli = new ArrayList<>(ids.subList(0, 2));
            bli.addAll(Arrays.asList(String.valueOf(line.quantity()), EACH, null, null, null));
            bli.addAll(ids.subList(2, ids.size()));
            out.segment("BLI", bli.toArray());
            out.segment("N9", "LI", line.lineNumber());
            if (line.reason() != null && !line.reason().isBlank()) {
                out.segment("PID", "F", null, null, null, out.clean(line.reason(), 80));
            }
        }
    }

    private static void party(X12Output out, String code, Address address) {
        out.segment("N1", code, out.clean(address.name() != null ? address.name() : address.line1(), 60));
        out.segment("N3", out.clean(address.line1(), 55), out.clean(address.line2(), 55));
        out.segment("N4", out.clean(address.city(), 30), address.region(), address.postalCode(), address.country());
    }

    /**
     * Product id qualifier/id pairs, at most {@code max}: the pair naming the sku first (partners match on it),
     * then the others by qualifier; {@code SK} (stock keeping unit) for a sku with no product ids.
     */
    static List<String> idPairs(String sku, Map<String, String> productIds, int max) {
        List<String> pairs = new ArrayList<>();
        Map<String, String> others = new TreeMap<>(productIds);
        others.entrySet().stream()
                .filter(e -> e.getValue().equals(sku))
                .findFirst()
                .ifPresentOrElse(
                        e -> {
                            pairs.add(e.getKey());
                            pairs.add(e.getValue());
                            others.remove(e.getKey());
                        },
                        () -> {
                            if (sku != null) {
                                pairs.add("SK");
                                pairs.add(sku);
                            }
                        });
        others.forEach((qualifier, id) -> {
            pairs.add(qualifier);
            pairs.add(id);
        });
        return pairs.subList(0, Math.min(pairs.size(), 2 * max));
    }

    private static String date(LocalDate date) {
        return date == null ? null : date.format(DATE);
    }

    private static String decimal(BigDecimal amount) {
        return amount == null
                ? null
                : amount.stripTrailingZeros().scale() < 0
                        ? amount.setScale(0, RoundingMode.UNNECESSARY).toPlainString()
                        : amount.toPlainString();
    }

    /** N2: the amount in hundredths, without a decimal point ({@code 12.50} is {@code 1250}). */
    static String cents(BigDecimal amount) {
        return amount.movePointRight(2).setScale(0, RoundingMode.HALF_UP).toPlainString();
    }
}
