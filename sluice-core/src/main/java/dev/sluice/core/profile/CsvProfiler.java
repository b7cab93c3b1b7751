package dev.sluice.core.profile;

import dev.sluice.core.csv.CsvReader;
import dev.sluice.core.csv.CsvRecord;
import dev.sluice.core.csv.NoHeaderException;
import dev.sluice.core.mapping.Cell;
import dev.sluice.core.mapping.CellTypes;
import dev.sluice.core.mapping.TypeInference;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Profiles a CSV in one streaming pass with memory proportional to the column count: row count, ragged rows, and per
 * column the inferred type ({@link CellTypes} rules, as the DynamoDB loader types cells), empty cells and numeric
 * min/max. Cells beyond the header's columns are counted only as raggedness.
 */
public final class CsvProfiler {

    private CsvProfiler() {}

    /**
     * Reads {@code in} to its end (it is not closed).
     *
     * @throws NoHeaderException the input is empty or blank
     * @throws dev.sluice.core.csv.MalformedCsvException a quoted field is left open
     */
    public static CsvProfile profile(InputStream in) throws IOException {
        CsvReader reader = CsvReader.of(in);
        CsvRecord header = reader.next();
        if (header == null) {
            throw new NoHeaderException();
        }
        List<String> names = header.fields();
        List<Accumulator> columns = new ArrayList<>(names.size());
        names.forEach(n -> columns.add(new Accumulator()));
        long rows = 0;
        long ragged = 0;
        for (CsvRecord record = reader.next(); record != null; record = reader.next()) {
            rows++;
            if (record.size() != names.size()) {
                ragged++;
            }
            for (int i = 0; i < columns.size(); i++) {
                columns.get(i).add(i < record.size() ? record.field(i) : "");
            }
        }
        List<ColumnProfile> profiles = new ArrayList<>(names.size());
        for (int i = 0; i < names.size(); i++) {
            profiles.add(columns.get(i).profile(names.get(i)));
        }
        return new CsvProfile(names, names.size(), rows, ragged, profiles);
    }

    private static final class Accumulator {
        private ColumnType type = ColumnType.EMPTY;
        private long empty;
        private long numeric;
        private double min = Double.POSITIVE_INFINITY;
        private double max = Double.NEGATIVE_INFINITY;

        void add(String text) {
            Cell cell = CellTypes.infer(text, TypeInference.AUTO);
            if (cell == null) {
                empty++;
                return;
            }
            ColumnType cellType = switch (cell) {
                case Cell.Num n -> {
                    numeric++;
                    double v = Double.parseDouble(n.text());
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                    yield ColumnType.NUMBER;
                }
                case Cell.Bool b -> ColumnType.BOOLEAN;
                case Cell.Str s -> ColumnType.STRING;
            };
            type = type == ColumnType.EMPTY || type == cellType ? cellType : ColumnType.STRING;
        }

        ColumnProfile profile(String name) {
            return numeric == 0
                    ? new ColumnProfile(name, type, empty, 0, null, null)
                    : new ColumnProfile(name, type, empty, numeric, min, max);
        }
    }
}
