package dev.orderhub.mapping;

import dev.orderhub.order.PersonalData;
import java.io.Reader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.MappingIterator;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvReadFeature;

/**
 * Streams a CSV file of order lines and hands over one {@link CsvOrder} per {@code po_number}. Rows of an order are
 * expected together: an order is complete when the po_number changes, so only the rows of the current order are
 * held, whatever the file's size. A po_number that comes back later is handed over again as a group marked split.
 */
public class CsvOrders {
    /** The B2B bulk-order columns; any other column is ignored. */
    public static final List<String> COLUMNS = List.of(
            "po_number",
            "account_id",
            "account_name",
            "currency",
            "sku",
            "description",
            "quantity",
            "unit_price",
            "ship_to_name",
            "ship_to_line1",
            "ship_to_line2",
            "ship_to_city",
            "ship_to_region",
            "ship_to_postal_code",
            "ship_to_country",
            "requested_date",
            "payment_method",
            "payment_terms");

    private static final CsvMapper CSV =
            CsvMapper.builder().enable(CsvReadFeature.WRAP_AS_ARRAY).build();

    private final Set<String> columns;
    private final String groupBy;

    public CsvOrders() {
        this(COLUMNS, "po_number");
    }

    /** A reader keeping other columns, grouped by another one (names compared trimmed and case-insensitively). */
    CsvOrders(List<String> columns, String groupBy) {
        this.columns = new HashSet<>(columns.stream().map(CsvOrders::normalise).toList());
        this.groupBy = normalise(groupBy);
        this.columns.add(this.groupBy);
    }

    /**
     * Reads the file and hands each order to {@code each} as soon as it is complete.
     *
     * @throws MappingException when the header lacks the grouping column or the CSV is malformed; the orders handed
     *                          over before stay handed over, the one being read is not
     */
    public void read(Reader in, Consumer<CsvOrder> each) {
        Set<String> seen = new HashSet<>();
        int row = 1;
        try (MappingIterator<String[]> records = open(in)) {
            String[] header = next(records, 0);
            if (header == null) {
                throw new MappingException("CSV file is empty: no header row");
            }
            String[] names = new String[header.length];
            for (int i = 0; i < header.length; i++) {
                String name = normalise(i == 0 ? header[i].replace("\uFEFF", "") : header[i]);
                names[i] = columns.contains(name) && !Arrays.asList(names).contains(name) ? name : null;
            }
            if (!Arrays.asList(names).contains(groupBy)) {
                throw new MappingException("CSV header has no " + groupBy + " column: " + String.join(",", header));
            }
            String current = null;
            List<CsvRow> rows = new ArrayList<>();
            boolean split = false;
            for (String[] cells = next(records, row); cells != null; cells = next(records, row)) {
                row++;
                Map<String, String> values = new LinkedHashMap<>();
                for (int i = 0; i < Math.min(cells.length, names.length); i++) {
                    String cell = cells[i] == null ? "" : cells[i].strip();
                    if (names[i] != null && !cell.isEmpty()) {
                        values.put(names[i], cell);
                    }
                }
                if (values.isEmpty()) {
                    continue; // a blank line, or one with only unknown columns filled in
                }
                String key = values.get(groupBy);
                if (!rows.isEmpty() && !Objects.equals(key, current)) {
                    each.accept(new CsvOrder(current, rows, split));
                    rows = new ArrayList<>();
                }
                if (rows.isEmpty()) {
                    current = key;
                    split = key != null && !seen.add(key);
                }
                rows.add(new CsvRow(row, values));
            }
            if (!rows.isEmpty()) {
                each.accept(new CsvOrder(current, rows, split));
            }
        }
    }

    private static MappingIterator<String[]> open(Reader in) {
        try {
            return CSV.readerFor(String[].class).readValues(in);
        } catch (JacksonException unreadable) {
            throw new MappingException(
                    "unreadable CSV: " + PersonalData.scrub(unreadable.getOriginalMessage()), unreadable);
        }
    }

    /** The next record, or null at the end; only the parser's failures count as malformed CSV, not the consumer's. */
    private static String[] next(MappingIterator<String[]> records, int row) {
        try {
            return records.hasNext() ? records.next() : null;
        } catch (JacksonException malformed) {
            throw new MappingException(
                    "malformed CSV after row " + row + ": " + PersonalData.scrub(malformed.getOriginalMessage()),
                    malformed);
        }
    }

    private static String normalise(String name) {
        return name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
    }
}
