package dev.orderhub.fulfillment;

import dev.orderhub.exception.PermanentFailure;
import dev.orderhub.order.Address;
import java.io.InputStream;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.MappingIterator;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvSchema;

/**
 * The ERP's files (connector type erp/sftp, README "Connectors", ERP): a fulfillment order or a cancellation as one
 * CSV file, a line a row, and shipment confirmations read back from CSV, a shipped line a row, rows of one shipment
 * together.
 */
@Component("erpFiles")
class ErpFiles {
    /** The columns of a fulfillment-order file, in this order. */
    static final List<String> FULFILLMENT_ORDER_COLUMNS = List.of(
            "type",
            "fulfillment_order_id",
            "order_id",
            "external_order_id",
            "location",
            "delivery_group_id",
            "ship_to_name",
            "ship_to_line1",
            "ship_to_line2",
            "ship_to_city",
            "ship_to_region",
            "ship_to_postal_code",
            "ship_to_country",
            "line_id",
            "sku",
            "quantity");

    /** The columns of a confirmation file; carrier, service, tracking_number and shipped_at may be empty. */
    static final List<String> CONFIRMATION_COLUMNS = List.of(
            "fulfillment_order_id",
            "shipment_id",
            "line_id",
            "quantity",
            "carrier",
            "service",
            "tracking_number",
            "shipped_at");

    private static final CsvMapper CSV = CsvMapper.builder().build();
    private static final CsvSchema FULFILLMENT_ORDER_SCHEMA = CsvSchema.builder()
            .addColumns(FULFILLMENT_ORDER_COLUMNS, CsvSchema.ColumnType.STRING)
            .setUseHeader(true)
            .build();

    private final JsonMapper json;

    ErpFiles(JsonMapper json) {
        this.json = json;
    }

    /** The file of an ERP message: {@code <type>-<fulfillment order id>-<message id>.csv}, the same on a resend. */
    public String fileName(String message, String messageId) {
        FulfillmentExport.Message read = json.readValue(message, FulfillmentExport.Message.class);
        return FulfillmentExport.typeOf(read) + "-" + read.fulfillmentOrderId() + "-" + messageId + ".csv";
    }

    /** An ERP message (the JMS contract's JSON) as CSV: a header, then one row a line. */
    public String fulfillmentOrder(String message) {
        FulfillmentExport.Message read = json.readValue(message, FulfillmentExport.Message.class);
        Address to = read.shipTo() == null ? new Address(null, null, null, null, null, null, null) : read.shipTo();
        List<String[]> rows = read.lines().stream()
                .map(line -> Stream.of(
                                FulfillmentExport.typeOf(read),
                                read.fulfillmentOrderId(),
                                read.orderId(),
                                read.externalOrderId(),
                                read.location(),
                                read.deliveryGroupId(),
                                to.name(),
                                to.line1(),
                                to.line2(),
                                to.city(),
                                to.region(),
                                to.postalCode(),
                                to.country(),
                                line.lineId(),
                                line.sku(),
                                String.valueOf(line.quantity()))
                        .map(value -> Objects.toString(value, ""))
                        .toArray(String[]::new))
                .toList();
        return CSV.writer(FULFILLMENT_ORDER_SCHEMA).writeValueAsString(rows);
    }

    /**
     * The shipment confirmations of a CSV file, in the order of their first rows. A file with a missing column or a
     * bad row is refused whole (permanent), naming the row and the column.
     */
    public List<ShipmentConfirmation> confirmations(InputStream file) {
        List<Map<String, String>> rows;
        try (MappingIterator<Map<String, String>> read = CSV.readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader())
                .readValues(file)) {
            rows = read.readAll();
        } catch (JacksonException unreadable) {
            throw new PermanentFailure("unreadable confirmation CSV: " + unreadable.getOriginalMessage());
        }
        Map<String, List<Map<String, String>>> byShipment = new LinkedHashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            Map<String, String> row = rows.get(i);
            String where = "confirmation CSV row " + (i + 2);
            for (String column : List.of("fulfillment_order_id", "shipment_id", "line_id", "quantity")) {
                if (row.getOrDefault(column, "").isBlank()) {
                    throw new PermanentFailure(where + ": column " + column + " is missing or empty");
                }
            }
            quantity(row, where);
            shippedAt(row, where);
            byShipment
                    .computeIfAbsent(
                            row.get("fulfillment_order_id").trim() + "\n"
                                    + row.get("shipment_id").trim(),
                            k -> new ArrayList<>())
                    .add(row);
        }
        return byShipment.values().stream().map(ErpFiles::confirmation).toList();
    }

    private static ShipmentConfirmation confirmation(List<Map<String, String>> rows) {
        Map<String, String> first = rows.get(0);
        return new ShipmentConfirmation(
                first.get("fulfillment_order_id").trim(),
                first.get("shipment_id").trim(),
                blankToNull(first.get("carrier")),
                blankToNull(first.get("service")),
                blankToNull(first.get("tracking_number")),
                shippedAt(first, ""),
                rows.stream()
                        .map(row ->
                                new ShipmentConfirmation.Line(row.get("line_id").trim(), quantity(row, "")))
                        .toList());
    }

    private static int quantity(Map<String, String> row, String where) {
        try {
            int quantity = Integer.parseInt(row.get("quantity").trim());
            if (quantity > 0) {
                return quantity;
            }
        } catch (NumberFormatException notANumber) {
            // refused below
        }
        throw new PermanentFailure(where + ": column quantity: not a whole number above zero");
    }

    private static Instant shippedAt(Map<String, String> row, String where) {
        String value = blankToNull(row.get("shipped_at"));
        try {
            return value == null ? null : Instant.parse(value);
        } catch (DateTimeParseException notAnInstant) {
            throw new PermanentFailure(where + ": column shipped_at: not an ISO-8601 instant (2026-05-04T10:15:30Z)");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
