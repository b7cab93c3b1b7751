package dev.sluice.etl.warehouse;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;

/**
 * A warehouse column's type, and how its Java value ({@link Integer}, {@link String}, {@link LocalDate},
 * {@link LocalTime}, {@link BigDecimal}, {@link Boolean}) maps to a Parquet primitive with its logical type.
 */
public enum ColumnType {
    INT(PrimitiveTypeName.INT32, LogicalTypeAnnotation.intType(32, true)),
    TEXT(PrimitiveTypeName.BINARY, LogicalTypeAnnotation.stringType()),
    /** Days since 1970-01-01. */
    DATE(PrimitiveTypeName.INT32, LogicalTypeAnnotation.dateType()),
    /** Microseconds since midnight, local (not UTC-adjusted): the source timestamps carry no zone. */
    TIME(PrimitiveTypeName.INT64, LogicalTypeAnnotation.timeType(false, TimeUnit.MICROS)),
    /** numeric(10,2): an INT64 unscaled value (the Parquet spec allows INT64 up to 18 digits). */
    MONEY_10_2(PrimitiveTypeName.INT64, LogicalTypeAnnotation.decimalType(2, 10)),
    /** numeric(12,2). */
    MONEY_12_2(PrimitiveTypeName.INT64, LogicalTypeAnnotation.decimalType(2, 12)),
    BOOLEAN(PrimitiveTypeName.BOOLEAN, null);

    private final PrimitiveTypeName primitive;
    private final LogicalTypeAnnotation logical;

    ColumnType(PrimitiveTypeName primitive, LogicalTypeAnnotation logical) {
        this.primitive = primitive;
        this.logical = logical;
    }

    public PrimitiveTypeName primitive() {
        return primitive;
    }

    public LogicalTypeAnnotation logical() {
        return logical;
    }

    /** The value as the Parquet writer takes it. */
    public Object toParquet(Object value) {
        return switch (this) {
            case INT, TEXT, BOOLEAN -> value;
            case DATE -> Math.toIntExact(((LocalDate) value).toEpochDay());
            case TIME -> ((LocalTime) value).toNanoOfDay() / 1_000;
            case MONEY_10_2, MONEY_12_2 -> unscaled((BigDecimal) value);
        };
    }

    /** The Java value from what the Parquet reader returns. */
    public Object fromParquet(Object value) {
        return switch (this) {
            case INT, TEXT, BOOLEAN -> value;
            case DATE -> LocalDate.ofEpochDay(((Number) value).longValue());
            case TIME -> LocalTime.MIDNIGHT.plus(((Number) value).longValue(), ChronoUnit.MICROS);
            case MONEY_10_2, MONEY_12_2 -> BigDecimal.valueOf(((Number) value).longValue(), scale());
        };
    }

    private int scale() {
        return ((LogicalTypeAnnotation.DecimalLogicalTypeAnnotation) logical).getScale();
    }

    private long unscaled(BigDecimal value) {
        // setScale throws rather than rounds: a price with more decimals than the column is a data error.
        return value.setScale(scale()).unscaledValue().longValueExact();
    }
}
