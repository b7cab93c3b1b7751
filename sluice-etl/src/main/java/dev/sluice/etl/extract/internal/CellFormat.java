package dev.sluice.etl.extract.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;

/**
 * How one column's values become CSV text. Timestamps are ISO-8601 with every fractional digit the database
 * holds ({@code 2022-11-03T14:20:52.186}); numerics are the database's exact decimal text; booleans
 * {@code true}/{@code false}; everything else the driver's text. NULL is always Java null.
 */
public enum CellFormat {
    TIMESTAMP {
        @Override
        public String read(ResultSet rs, int column) throws SQLException {
            LocalDateTime value = rs.getObject(column, LocalDateTime.class);
            return value == null ? null : IsoTimestamps.format(value);
        }
    },
    TIMESTAMP_WITH_ZONE {
        @Override
        public String read(ResultSet rs, int column) throws SQLException {
            OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
            return value == null ? null : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(value);
        }
    },
    BOOLEAN {
        @Override
        public String read(ResultSet rs, int column) throws SQLException {
            boolean value = rs.getBoolean(column);
            return rs.wasNull() ? null : Boolean.toString(value);
        }
    },
    TEXT {
        @Override
        public String read(ResultSet rs, int column) throws SQLException {
            return rs.getString(column);
        }
    };

    public abstract String read(ResultSet rs, int column) throws SQLException;

    public static CellFormat forSqlType(int sqlType) {
        return switch (sqlType) {
            case Types.TIMESTAMP -> TIMESTAMP;
            case Types.TIMESTAMP_WITH_TIMEZONE -> TIMESTAMP_WITH_ZONE;
            case Types.BOOLEAN, Types.BIT -> BOOLEAN;
            default -> TEXT;
        };
    }
}
