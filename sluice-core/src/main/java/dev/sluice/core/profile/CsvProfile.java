package dev.sluice.core.profile;

import java.util.List;

/**
 * A streaming summary of one CSV file.
 *
 * @param header      the header's column names
 * @param columnCount columns in the header
 * @param rowCount    data rows (the header excluded; blank lines are not rows)
 * @param raggedRows  rows whose cell count differs from the header's
 * @param columns     one profile per header column, in order
 */
public record CsvProfile(
        List<String> header, int columnCount, long rowCount, long raggedRows, List<ColumnProfile> columns) {

    public CsvProfile {
        header = List.copyOf(header);
        columns = List.copyOf(columns);
    }
}
