package dev.orderhub.bench;

import java.util.List;

/**
 * The benchmark's orders: canonical JSON (JMS, Kafka, REST) and B2B CSV rows (partner {@code demo}), all shipped to
 * Austin TX, CARD-paid (canonical) or on the demo partner's terms (CSV), on {@value #SKUS} SKUs that are stocked with
 * a huge on-hand at WH-EAST before the run, so that every allocation succeeds in one fulfillment order.
 */
final class BenchOrders {
    static final int SKUS = 50;
    static final String LOCATION = "WH-EAST";
    static final String CSV_HEADER = "po_number,sku,description,quantity,unit_price,ship_to_name,ship_to_line1,"
            + "ship_to_city,ship_to_region,ship_to_postal_code,ship_to_country,requested_date\n";

    private BenchOrders() {}

    static String sku(int i) {
        return String.format("BENCH-%04d", Math.floorMod(i, SKUS));
    }

    /**
     * The SKU of line {@code line} of order {@code order}: lines of one order start at a different SKU and step by 7
     * (coprime with 50), so an order of up to 50 lines has distinct SKUs, in an order that differs between orders.
     */
    static String skuOf(int order, int line) {
        return sku(order * 13 + line * 7);
    }

    /** The inventory update that stocks every benchmark SKU (NDJSON, header then one record per SKU). */
    static String stock(String runId, int onHand) {
        StringBuilder b = new StringBuilder("{\"location\":\"" + LOCATION + "\",\"mode\":\"UPDATE\"}\n");
        for (int i = 0; i < SKUS; i++) {
            b.append("{\"recordId\":\"")
                    .append(runId)
                    .append('-')
                    .append(i)
                    .append("\",\"sku\":\"")
                    .append(sku(i))
                    .append("\",\"onHand\":")
                    .append(onHand)
                    .append(",\"effectiveDate\":\"2026-01-01T00:00:00Z\"}\n");
        }
        return b.toString();
    }

    /** A canonical order, as README's example: CARD, one delivery group, {@code lines} lines of quantity 1 to 3. */
    static String canonical(String channel, String externalOrderId, int order, int lines) {
        StringBuilder b = new StringBuilder(400 + lines * 130);
        b.append("{\"externalOrderId\":\"")
                .append(externalOrderId)
                .append("\",\"channel\":\"")
                .append(channel)
                .append(
                        "\",\"currency\":\"USD\",\"buyer\":{\"name\":\"Bench Buyer\",\"email\":\"buyer@bench.example\"},")
                .append("\"payment\":{\"method\":\"CARD\",\"token\":\"tok_visa\"},")
                .append("\"deliveryGroups\":[{\"id\":\"DG1\",\"method\":\"GROUND\",\"shipTo\":{\"name\":\"Bench DC\",")
                .append("\"line1\":\"9 Dock Rd\",\"city\":\"Austin\",\"region\":\"TX\",\"postalCode\":\"78744\",")
                .append("\"country\":\"US\"}}],\"lines\":[");
        for (int line = 0; line < lines; line++) {
            b.append(line == 0 ? "" : ",")
                    .append("{\"lineId\":\"")
                    .append(line + 1)
                    .append("\",\"sku\":\"")
                    .append(skuOf(order, line))
                    .append("\",\"description\":\"Bench item ")
                    .append(line + 1)
                    .append("\",\"quantity\":")
                    .append(1 + (order + line) % 3)
                    .append(",\"unitPrice\":\"9.99\",\"deliveryGroupId\":\"DG1\"}");
        }
        return b.append("],\"charges\":[{\"type\":\"DELIVERY\",\"amount\":\"5.00\",\"deliveryGroupId\":\"DG1\"}],")
                .append("\"taxMode\":\"NET\"}")
                .toString();
    }

    /**
     * The CSV rows of one order (po_number = externalOrderId). Unit price 0.10: the demo partner bills on terms
     * within a credit limit of 1,000,000, which the open balance of thousands of orders must stay under.
     */
    static void csvRows(StringBuilder file, String poNumber, int order, int lines) {
        for (int line = 0; line < lines; line++) {
            file.append(poNumber)
                    .append(',')
                    .append(skuOf(order, line))
                    .append(",Bench item ")
                    .append(line + 1)
                    .append(',')
                    .append(1 + (order + line) % 3)
                    .append(",0.10,Bench DC,9 Dock Rd,Austin,TX,78744,US,2026-12-01\n");
        }
    }

    /** A CSV file of several orders, rows grouped by po_number. */
    static String csvFile(List<String> poNumbers, int firstOrder, int lines) {
        StringBuilder file = new StringBuilder(CSV_HEADER.length() + poNumbers.size() * lines * 90);
        file.append(CSV_HEADER);
        for (int i = 0; i < poNumbers.size(); i++) {
            csvRows(file, poNumbers.get(i), firstOrder + i, lines);
        }
        return file.toString();
    }
}
