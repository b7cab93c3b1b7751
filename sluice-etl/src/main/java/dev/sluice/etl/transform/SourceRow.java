package dev.sluice.etl.transform;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One source row, by column name (never by position): text values as the extract wrote them, null for NULL.
 * Typed getters fail with the table, column and value when the text is not of the type.
 */
public record SourceRow(String table, Map<String, String> values) {

    public SourceRow {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public String text(String column) {
        String value = optionalText(column);
        if (value == null) {
            throw new TransformException(table + "." + column + " is NULL in " + this);
        }
        return value;
    }

    public String optionalText(String column) {
        if (!values.containsKey(column)) {
            throw new TransformException(table + " has no column " + column + " (columns: " + values.keySet() + ")");
        }
        return values.get(column);
    }

    public int integer(String column) {
        return parse(column, Integer::valueOf);
    }

    public Integer optionalInteger(String column) {
        return optionalText(column) == null ? null : integer(column);
    }

    public BigDecimal decimal(String column) {
        return parse(column, BigDecimal::new);
    }

    public boolean bool(String column) {
        String value = text(column);
        return switch (value) {
            case "true", "t" -> true;
            case "false", "f" -> false;
            default -> throw new TransformException(table + "." + column + " is not a boolean: '" + value + "'");
        };
    }

    /** ISO-8601 local timestamp; a space instead of {@code T} (the seed fixtures' pandas format) is accepted. */
    public LocalDateTime timestamp(String column) {
        return parse(column, text -> LocalDateTime.parse(text.replace(' ', 'T')));
    }

    /** A {@code YYYY-MM-DD} date (the order tables keep agreed dates as text). */
    public LocalDate date(String column) {
        return parse(column, LocalDate::parse);
    }

    private <T> T parse(String column, java.util.function.Function<String, T> parser) {
        String value = text(column);
        try {
            return parser.apply(value);
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new TransformException(table + "." + column + " cannot be read: '" + value + "'", e);
        }
    }

    @Override
    public String toString() {
        return table + values;
    }
}
