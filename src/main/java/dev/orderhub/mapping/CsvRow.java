package dev.orderhub.mapping;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One data row of a CSV file: its row number as a spreadsheet shows it (the header is row 1) and its non-empty cells
 * by lower-case column name.
 */
record CsvRow(int rowNumber, Map<String, String> values) {
    public CsvRow {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** The cell of a column, or null when it is empty or absent. */
    public String value(String column) {
        return values.get(column);
    }
}
