package dev.orderhub.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orderhub.support.GeneratedText;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CsvOrdersTest {
    private static List<CsvOrder> read(String csv) {
        List<CsvOrder> orders = new ArrayList<>();
        new CsvOrders().read(new StringReader(csv), orders::add);
        return orders;
    }

    @Test
    void groupsRowsByPoNumberAndNumbersThemAsASpreadsheetDoes() {
        List<CsvOrder> orders = read("""
                po_number,sku,quantity,unit_price
                PO-1,A,1,10.00
                PO-1,B,2,5.00
                PO-2,C,3,1.50
                """);
        assertThat(orders).extracting(CsvOrder::poNumber).containsExactly("PO-1", "PO-2");
        assertThat(orders.get(0).rows()).extracting(CsvRow::rowNumber).containsExactly(2, 3);
        assertThat(orders.get(0).rows().get(1).values())
                .isEqualTo(Map.of("po_number", "PO-1", "sku", "B", "quantity", "2", "unit_price", "5.00"));
        assertThat(orders.get(1).rows()).extracting(CsvRow::rowNumber).containsExactly(4);
        assertThat(orders).extracting(CsvOrder::split).containsOnly(false);
        assertThat(orders.get(0).describeRows()).isEqualTo("rows 2-3");
        assertThat(orders.get(1).describeRows()).isEqualTo("row 4");
    }

    @Test
    void columnsInAnyOrderAnyCaseAndUnknownOnesIgnored() {
        List<CsvOrder> orders =
                read("\uFEFF SKU ,Internal_Note, Quantity,PO_Number ,Unit_Price\r\n" + "A,call first,1,PO-9,10.00\r\n");
        assertThat(orders).hasSize(1);
        assertThat(orders.get(0).rows().get(0).values())
                .isEqualTo(Map.of("sku", "A", "quantity", "1", "po_number", "PO-9", "unit_price", "10.00"));
    }

    @Test
    void quotedFieldsKeepTheirCommasQuotesAndLineBreaks() {
        List<CsvOrder> orders = read("""
                po_number,description,ship_to_line1,sku
                PO-1,"Drill bits, titanium, 21-piece","500 Main St, Unit B",BITS
                PO-1,"Roller 9"" with frame","two
                lines",ROLLER
                """);
        List<CsvRow> rows = orders.get(0).rows();
        assertThat(rows.get(0).value("description")).isEqualTo("Drill bits, titanium, 21-piece");
        assertThat(rows.get(0).value("ship_to_line1")).isEqualTo("500 Main St, Unit B");
        assertThat(rows.get(1).value("description")).isEqualTo("Roller 9\" with frame");
        assertThat(rows.get(1).value("ship_to_line1")).isEqualTo("two\nlines");
        assertThat(rows.get(1).value("sku")).isEqualTo("ROLLER");
    }

    @Test
    void emptyCellsAreAbsentAndBlankLinesSkipped() {
        List<CsvOrder> orders = read("po_number,sku,ship_to_line2,currency\nPO-1,A,, \n\n,,,\nPO-1,B,,USD\n");
        assertThat(orders).hasSize(1);
        assertThat(orders.get(0).rows().get(0).values()).isEqualTo(Map.of("po_number", "PO-1", "sku", "A"));
        assertThat(orders.get(0).rows().get(0).value("ship_to_line2")).isNull();
        assertThat(orders.get(0).rows()).extracting(CsvRow::rowNumber).containsExactly(2, 5);
    }

    @Test
    void aPoNumberThatComesBackLaterIsASplitGroup() {
        List<CsvOrder> orders = read("""
                po_number,sku
                PO-1,A
                PO-2,B
                PO-1,C
                PO-1,D
                PO-3,E
                """);
        assertThat(orders).extracting(CsvOrder::poNumber).containsExactly("PO-1", "PO-2", "PO-1", "PO-3");
        assertThat(orders).extracting(CsvOrder::split).containsExactly(false, false, true, false);
        assertThat(orders.get(2).describeRows()).isEqualTo("rows 4-5");
    }

    @Test
    void rowsWithoutAPoNumberAreHandedOverForTheCallerToRefuse() {
        List<CsvOrder> orders = read("po_number,sku\nPO-1,A\n,B\n,C\nPO-2,D\n");
        assertThat(orders).extracting(CsvOrder::poNumber).containsExactly("PO-1", null, "PO-2");
        assertThat(orders.get(1).describeRows()).isEqualTo("rows 3-4");
    }

    @Test
    void aHeaderWithoutPoNumberOrNoHeaderIsRefused() {
        assertThatThrownBy(() -> read("sku,quantity\nA,1\n"))
                .isInstanceOf(MappingException.class)
                .hasMessageContaining("no po_number column");
        assertThatThrownBy(() -> read("")).isInstanceOf(MappingException.class).hasMessageContaining("no header row");
    }

    @Test
    void malformedCsvSaysAfterWhichRow() {
        List<CsvOrder> orders = new ArrayList<>();
        String csv = "po_number,sku\nPO-1,A\nPO-2,B\nPO-3,\"C\"x\n";
        assertThatThrownBy(() -> new CsvOrders().read(new StringReader(csv), orders::add))
                .isInstanceOf(MappingException.class)
                .hasMessageContaining("malformed CSV after row 3");
        // PO-1 was complete when PO-2 began; PO-2 might have gone on in the unreadable row, so it is not handed over
        assertThat(orders).extracting(CsvOrder::poNumber).containsExactly("PO-1");
    }

    @Test
    void theTreeAMappingReads() {
        CsvOrder order = read("po_number,sku\nPO-1,A\n").get(0);
        assertThat(order.toTree())
                .isEqualTo(Map.of(
                        "poNumber",
                        "PO-1",
                        "split",
                        false,
                        "rows",
                        List.of(Map.of("rowNumber", 2, "values", Map.of("po_number", "PO-1", "sku", "A")))));
    }

    @Test
    void streamsAHundredThousandRowsHoldingOnlyTheCurrentOrder() {
        int rows = 100_000;
        GeneratedCsv csv = new GeneratedCsv(rows, 4);
        AtomicInteger orders = new AtomicInteger();
        AtomicInteger lines = new AtomicInteger();
        List<Integer> rowsGeneratedAtFirstOrder = new ArrayList<>();
        new CsvOrders().read(csv, order -> {
            if (orders.incrementAndGet() == 1) {
                rowsGeneratedAtFirstOrder.add(csv.generated);
            }
            assertThat(order.rows()).hasSize(4);
            assertThat(order.split()).isFalse();
            lines.addAndGet(order.rows().size());
        });
        assertThat(orders.get()).isEqualTo(rows / 4);
        assertThat(lines.get()).isEqualTo(rows);
        // the first order was handed over while nearly all of the file was still to come
        assertThat(rowsGeneratedAtFirstOrder.get(0)).isLessThan(rows / 10);
    }

    /** A CSV file made up while it is read: {@code perOrder} rows per po_number. */
    private static final class GeneratedCsv extends Reader {
        private final int rows;
        private final int perOrder;
        private int generated;
        private String chunk = "ship_to_country,po_number,sku,description,quantity,unit_price,extra\n";
        private int position;

        GeneratedCsv(int rows, int perOrder) {
            this.rows = rows;
            this.perOrder = perOrder;
        }

        @Override
        public int read(char[] buffer, int offset, int length) {
            if (position == chunk.length()) {
                if (generated == rows) {
                    return -1;
                }
                chunk = "US,PO-%06d,SKU-%d,\"Item %d, boxed\",%d,12.50,x\n"
                        .formatted(generated / perOrder, generated, generated, 1 + generated % 5);
                generated++;
                position = 0;
            }
            int n = Math.min(length, chunk.length() - position);
            chunk.getChars(position, position + n, buffer, offset);
            position += n;
            return n;
        }

        @Override
        public void close() {}
    }

    /**
     * 50,000 orders of two rows each are handed over one at a time, each before the reader has read more than a small
     * window past its last row: the reader holds the rows of one order, not the file.
     */
    @Test
    void handsOverEachOf50000OrdersBeforeReadingFarPastIt() {
        int count = 50_000;
        long window = 64 * 1024;
        GeneratedText file = new GeneratedText(
                "po_number,sku,quantity,unit_price\n",
                n -> "PO-" + n + ",A,1,10.00\nPO-" + n + ",B,2,5.00\n",
                count,
                "");
        AtomicInteger handed = new AtomicInteger();
        new CsvOrders().read(new InputStreamReader(file, StandardCharsets.UTF_8), order -> {
            int n = handed.incrementAndGet();
            assertThat(order.poNumber()).isEqualTo("PO-" + n);
            assertThat(order.split()).isFalse();
            assertThat(order.rows()).extracting(CsvRow::rowNumber).containsExactly(2 * n, 2 * n + 1);
            assertThat(file.bytesRead() - file.endOf(n))
                    .as("bytes read past order %s when it is handed over", n)
                    .isLessThan(window);
        });
        assertThat(handed.get()).isEqualTo(count);
        assertThat(file.bytesRead())
                .as("the file is %s bytes", file.bytesRead())
                .isGreaterThan(10 * window);
    }
}
