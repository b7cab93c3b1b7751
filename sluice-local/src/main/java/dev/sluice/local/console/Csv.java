package dev.sluice.local.console;

import java.math.BigDecimal;
import java.util.List;
import java.util.stream.Collectors;

/** RFC 4180 CSV: a field with a comma, quote or line break is quoted, its quotes doubled; lines end in CRLF. */
final class Csv {

    private Csv() {}

    static String of(List<String> header, List<List<Object>> rows) {
        StringBuilder out = new StringBuilder();
        line(out, List.copyOf(header));
        rows.forEach(row -> line(out, row));
        return out.toString();
    }

    private static void line(StringBuilder out, List<?> fields) {
        out.append(fields.stream().map(Csv::field).collect(Collectors.joining(",")))
                .append("\r\n");
    }

    private static String field(Object value) {
        if (value == null) {
            return "";
        }
        String text = value instanceof BigDecimal d ? d.toPlainString() : value.toString();
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            return '"' + text.replace("\"", "\"\"") + '"';
        }
        return text;
    }
}
