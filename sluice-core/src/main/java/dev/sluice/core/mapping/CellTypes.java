package dev.sluice.core.mapping;

import dev.sluice.core.csv.CsvNumbers;
import java.math.BigDecimal;

/**
 * The type rules of the DynamoDB loader and the CSV profile. With {@link TypeInference#AUTO}:
 * <ul>
 *   <li>an empty cell has no value (omitted, never an empty string);</li>
 *   <li>{@code true}/{@code false} (any case) are booleans;</li>
 *   <li>a cell that is numeric by {@link CsvNumbers} is a number, kept as its trimmed original text, unless its integer
 *       part has a leading zero ({@code 00123}, {@code -007}: identifiers, not quantities) or DynamoDB could not store
 *       it (more than 38 significant digits, or magnitude outside 1E-130..1E126);</li>
 *   <li>everything else is a string, exactly as read.</li>
 * </ul>
 * Key columns are always strings (see {@link RowMapper}).
 */
public final class CellTypes {

    /** DynamoDB limit: numbers keep up to 38 significant digits. */
    public static final int MAX_NUMBER_PRECISION = 38;
    /** DynamoDB limit: positive magnitudes from 1E-130 ... */
    public static final int MIN_NUMBER_EXPONENT = -130;
    /** ... to 9.99...E+125. */
    public static final int MAX_NUMBER_EXPONENT = 125;

    private CellTypes() {}

    /** The typed value of {@code cell}, or null when the cell is empty. */
    public static Cell infer(String cell, TypeInference inference) {
        if (cell.isEmpty()) {
            return null;
        }
        if (inference == TypeInference.STRINGS) {
            return new Cell.Str(cell);
        }
        if (cell.equalsIgnoreCase("true") || cell.equalsIgnoreCase("false")) {
            return new Cell.Bool(cell.equalsIgnoreCase("true"));
        }
        if (CsvNumbers.isNumeric(cell)) {
            String text = trim(cell);
            if (!hasLeadingZero(text) && storable(text)) {
                return new Cell.Num(text);
            }
        }
        return new Cell.Str(cell);
    }

    /** {@code 007}, {@code -00.5}: an integer part of two or more digits starting with 0. */
    static boolean hasLeadingZero(String number) {
        int i = number.startsWith("+") || number.startsWith("-") ? 1 : 0;
        return number.length() > i + 1 && number.charAt(i) == '0' && Character.isDigit(number.charAt(i + 1));
    }

    static boolean storable(String number) {
        BigDecimal value;
        try {
            value = new BigDecimal(number);
        } catch (NumberFormatException e) { // exponent beyond int range
            return false;
        }
        if (value.signum() == 0) {
            return true;
        }
        BigDecimal normal = value.stripTrailingZeros();
        int exponent = normal.precision() - normal.scale() - 1;
        return normal.precision() <= MAX_NUMBER_PRECISION
                && exponent >= MIN_NUMBER_EXPONENT
                && exponent <= MAX_NUMBER_EXPONENT;
    }

    private static String trim(String cell) {
        int start = 0;
        int end = cell.length();
        while (start < end && isBlank(cell.charAt(start))) {
            start++;
        }
        while (end > start && isBlank(cell.charAt(end - 1))) {
            end--;
        }
        return cell.substring(start, end);
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }
}
