package dev.orderhub.mapping;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rows of one order (one {@code po_number}) of a CSV file. {@code split} marks rows of a po_number that
 * already appeared earlier in the file, apart from these: the caller records that as a problem naming the rows.
 */
public record CsvOrder(String poNumber, List<CsvRow> rows, boolean split) {
    public CsvOrder {
        rows = List.copyOf(rows);
    }

    public CsvOrder(String poNumber, List<CsvRow> rows) {
        this(poNumber, rows, false);
    }

    /** The row numbers as a person reads them: {@code "row 7"}, {@code "rows 2-4"} or {@code "rows 2, 3, 9"}. */
    public String describeRows() {
        if (rows.size() == 1) {
            return "row " + rows.get(0).rowNumber();
        }
        int first = rows.get(0).rowNumber();
        int last = rows.get(rows.size() - 1).rowNumber();
        if (last - first == rows.size() - 1) {
            return "rows " + first + "-" + last;
        }
        StringBuilder numbers = new StringBuilder("rows ");
        for (int i = 0; i < rows.size(); i++) {
            numbers.append(i == 0 ? "" : ", ").append(rows.get(i).rowNumber());
        }
        return numbers.toString();
    }

    /** The tree a mapping reads: {@code {poNumber, split, rows: [{rowNumber, values: {column: cell}}]}}. */
    public Map<String, Object> toTree() {
        Map<String, Object> tree = new LinkedHashMap<>();
        if (poNumber != null) {
            tree.put("poNumber", poNumber);
        }
        tree.put("split", split);
        tree.put(
                "rows",
                rows.stream()
                        .map(r -> {
                            Map<String, Object> row = new LinkedHashMap<>();
                            row.put("rowNumber", r.rowNumber());
                            row.put("values", new LinkedHashMap<>(r.values()));
                            return (Object) row;
                        })
                        .toList());
        return tree;
    }
}
