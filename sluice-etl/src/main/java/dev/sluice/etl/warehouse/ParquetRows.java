package dev.sluice.etl.warehouse;

import blue.strategic.parquet.Dehydrator;
import blue.strategic.parquet.Hydrator;
import blue.strategic.parquet.HydratorSupplier;
import blue.strategic.parquet.ParquetReader;
import blue.strategic.parquet.ParquetWriter;
import java.io.Closeable;
import java.io.File;
import java.io.IOException;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Typed rows of a {@link WarehouseTable} to and from a local Parquet file (snappy, Parquet 2 pages). A row is an
 * {@code Object[]} in the table's column order holding the column type's Java value, or null. Files are local
 * because the object store's streaming upload/download sits around them: the writer buffers one row group, the
 * reader streams.
 */
public final class ParquetRows {

    private ParquetRows() {}

    /** A writer that checks each row against the table's columns before writing it. */
    public static final class Writer implements Closeable {
        private final WarehouseTable table;
        private final ParquetWriter<Object[]> writer;
        private long rows;

        private Writer(WarehouseTable table, File file) throws IOException {
            this.table = table;
            this.writer = ParquetWriter.writeFile(table.parquetSchema(), file, dehydrator(table));
        }

        public void write(Object[] row) throws IOException {
            check(table, row);
            writer.write(row);
            rows++;
        }

        public long rows() {
            return rows;
        }

        @Override
        public void close() throws IOException {
            writer.close();
        }
    }

    public static Writer writer(WarehouseTable table, File file) throws IOException {
        // parquet-java refuses to replace an existing file; callers hand us fresh temp files, which exist.
        if (file.exists() && !file.delete()) {
            throw new IOException("could not replace " + file);
        }
        return new Writer(table, file);
    }

    /** Reads every row of the file in order; the file's columns must be the table's. */
    public static void read(WarehouseTable table, File file, Consumer<Object[]> consumer) throws IOException {
        try (Stream<Object[]> rows = ParquetReader.streamContent(file, HydratorSupplier.constantly(hydrator(table)))) {
            rows.forEach(consumer);
        }
    }

    private static Dehydrator<Object[]> dehydrator(WarehouseTable table) {
        List<Column> columns = table.columns();
        return (row, out) -> {
            for (int i = 0; i < columns.size(); i++) {
                if (row[i] != null) {
                    Column column = columns.get(i);
                    out.write(column.name(), column.type().toParquet(row[i]));
                }
            }
        };
    }

    private static Hydrator<Object[], Object[]> hydrator(WarehouseTable table) {
        List<Column> columns = table.columns();
        return new Hydrator<>() {
            @Override
            public Object[] start() {
                return new Object[columns.size()];
            }

            @Override
            public Object[] add(Object[] row, String heading, Object value) {
                int i = table.indexOf(heading);
                row[i] = value == null ? null : columns.get(i).type().fromParquet(value);
                return row;
            }

            @Override
            public Object[] finish(Object[] row) {
                return row;
            }
        };
    }

    private static void check(WarehouseTable table, Object[] row) {
        List<Column> columns = table.columns();
        if (row.length != columns.size()) {
            throw new IllegalArgumentException(table.tableName() + ": row has " + row.length + " values, table has "
                    + columns.size() + " columns");
        }
        for (int i = 0; i < row.length; i++) {
            if (row[i] == null && !columns.get(i).nullable()) {
                throw new IllegalArgumentException(
                        table.tableName() + "." + columns.get(i).name() + " is NULL");
            }
        }
    }
}
