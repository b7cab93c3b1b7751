package dev.sluice.testkit.totesys.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Collections;
import java.util.List;

/**
 * Batched prepared INSERT for the generator. The statement text is built only from the constant table and
 * column names the generator passes in; every value is a bound parameter.
 */
public final class BatchInsert implements AutoCloseable {

    static final int BATCH_ROWS = 1_000;

    private final PreparedStatement statement;
    private final int columnCount;
    private int pending;

    public BatchInsert(Connection connection, String table, List<String> columns) throws SQLException {
        String placeholders = String.join(", ", Collections.nCopies(columns.size(), "?"));
        this.statement = connection.prepareStatement(
                "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES (" + placeholders + ")");
        this.columnCount = columns.size();
    }

    public void add(Object... values) throws SQLException {
        if (values.length != columnCount) {
            throw new IllegalArgumentException("expected " + columnCount + " values, got " + values.length);
        }
        for (int i = 0; i < values.length; i++) {
            if (values[i] == null) {
                statement.setNull(i + 1, Types.OTHER);
            } else {
                statement.setObject(i + 1, values[i]);
            }
        }
        statement.addBatch();
        if (++pending == BATCH_ROWS) {
            flush();
        }
    }

    private void flush() throws SQLException {
        if (pending > 0) {
            statement.executeBatch();
            pending = 0;
        }
    }

    @Override
    public void close() throws SQLException {
        try {
            flush();
        } finally {
            statement.close();
        }
    }
}
