package dev.sluice.etl.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Parquet written by {@link ParquetRows} (parquet-floor's writer) read back through parquet-java's own low-level
 * reader (footer schema, column IO, example Group records): the declared logical types and the raw values are
 * what pyarrow/DuckDB will see.
 */
class ParquetRowsTest {

    @TempDir
    Path dir;

    private static final Object[] ORDER = {
        7,
        LocalDate.of(2022, 11, 3),
        LocalTime.parse("14:20:52.186"),
        LocalDate.of(2023, 1, 2),
        LocalTime.parse("23:59:59.999"),
        19,
        8,
        42972,
        new BigDecimal("3.94"),
        2,
        3,
        LocalDate.of(2022, 11, 8),
        LocalDate.of(2022, 11, 7),
        8
    };

    @Test
    void factColumnsAreDeclaredWithDateTimeDecimalAndIntLogicalTypes() throws IOException {
        File file = write(WarehouseTable.FACT_SALES_ORDER, List.<Object[]>of(ORDER));

        MessageType schema;
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file.toPath()))) {
            schema = reader.getFooter().getFileMetaData().getSchema();
        }
        assertThat(logical(schema, "sales_order_id")).isEqualTo(LogicalTypeAnnotation.intType(32, true));
        assertThat(logical(schema, "created_date")).isEqualTo(LogicalTypeAnnotation.dateType());
        assertThat(logical(schema, "created_time"))
                .isEqualTo(LogicalTypeAnnotation.timeType(false, LogicalTypeAnnotation.TimeUnit.MICROS));
        assertThat(logical(schema, "unit_price")).isEqualTo(LogicalTypeAnnotation.decimalType(2, 10));
        assertThat(schema.getType("unit_price").asPrimitiveType().getPrimitiveTypeName())
                .isEqualTo(PrimitiveType.PrimitiveTypeName.INT64);
        assertThat(schema.getType("sales_order_id").getRepetition())
                .isEqualTo(org.apache.parquet.schema.Type.Repetition.REQUIRED);
    }

    @Test
    void anIndependentReaderSeesTheRawEncodedValues() throws IOException {
        File file = write(WarehouseTable.FACT_SALES_ORDER, List.<Object[]>of(ORDER));

        Group row = readGroups(file).getFirst();
        assertThat(row.getInteger("sales_order_id", 0)).isEqualTo(7);
        assertThat(row.getInteger("created_date", 0))
                .isEqualTo((int) LocalDate.of(2022, 11, 3).toEpochDay());
        assertThat(row.getLong("created_time", 0))
                .isEqualTo(LocalTime.parse("14:20:52.186").toNanoOfDay() / 1000);
        assertThat(row.getLong("unit_price", 0)).isEqualTo(394L);
    }

    @Test
    void textNullsBooleansAndUnicodeRoundTrip() throws IOException {
        Object[] withNulls = {
            1, "1 O'Neil Street, \"Flat\" 2", null, null, "Zürich", "08841", "Côte d'Ivoire", "0730 783349"
        };
        Object[] withEmpty = {2, "x", "", "", "Łódź", "99305-7380", "日本", "1"};
        File file = write(WarehouseTable.DIM_LOCATION, List.of(withNulls, withEmpty));

        assertThat(readBack(WarehouseTable.DIM_LOCATION, file)).containsExactly(withNulls, withEmpty);
        List<Group> groups = readGroups(file);
        assertThat(groups.getFirst().getFieldRepetitionCount("address_line_2")).isZero();
        assertThat(groups.get(1).getString("country", 0)).isEqualTo("日本");
    }

    @Test
    void everyColumnTypeRoundTripsThroughOurReader() throws IOException {
        Object[] payment = {
            5,
            LocalDate.of(2022, 11, 3),
            LocalTime.parse("14:20:52.186"),
            LocalDate.of(2023, 1, 2),
            LocalTime.MIDNIGHT,
            7,
            3,
            new BigDecimal("9999999999.99"),
            2,
            1,
            true,
            LocalDate.of(2022, 11, 30)
        };

        assertThat(readBack(
                        WarehouseTable.FACT_PAYMENT, write(WarehouseTable.FACT_PAYMENT, List.<Object[]>of(payment))))
                .containsExactly(payment);
    }

    @Test
    void aNullInARequiredColumnOrAPriceWithTooManyDecimalsIsRejected() throws IOException {
        Object[] nullName = {1, null, "USD"};
        try (ParquetRows.Writer writer =
                ParquetRows.writer(WarehouseTable.DIM_CURRENCY, dir.resolve("c").toFile())) {
            assertThatThrownBy(() -> writer.write(nullName))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("dim_currency.currency_code is NULL");
        }
        Object[] price = ORDER.clone();
        price[8] = new BigDecimal("3.945");
        try (ParquetRows.Writer writer = ParquetRows.writer(
                WarehouseTable.FACT_SALES_ORDER, dir.resolve("s").toFile())) {
            assertThatThrownBy(() -> writer.write(price)).isInstanceOf(ArithmeticException.class);
        }
    }

    private File write(WarehouseTable table, List<Object[]> rows) throws IOException {
        File file = dir.resolve(table.tableName() + ".parquet").toFile();
        try (ParquetRows.Writer writer = ParquetRows.writer(table, file)) {
            for (Object[] row : rows) {
                writer.write(row);
            }
        }
        return file;
    }

    private static List<Object[]> readBack(WarehouseTable table, File file) throws IOException {
        List<Object[]> rows = new ArrayList<>();
        ParquetRows.read(table, file, rows::add);
        return rows;
    }

    private static LogicalTypeAnnotation logical(MessageType schema, String column) {
        return schema.getType(column).getLogicalTypeAnnotation();
    }

    private static List<Group> readGroups(File file) throws IOException {
        List<Group> groups = new ArrayList<>();
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file.toPath()))) {
            MessageType schema = reader.getFooter().getFileMetaData().getSchema();
            for (PageReadStore pages = reader.readNextRowGroup(); pages != null; pages = reader.readNextRowGroup()) {
                RecordReader<Group> records = new ColumnIOFactory()
                        .getColumnIO(schema)
                        .getRecordReader(pages, new GroupRecordConverter(schema));
                for (long i = 0; i < pages.getRowCount(); i++) {
                    groups.add(records.read());
                }
            }
        }
        return groups;
    }
}
