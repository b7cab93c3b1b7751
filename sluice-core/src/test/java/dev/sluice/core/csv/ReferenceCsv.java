package dev.sluice.core.csv;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * An obviously-correct, slow reference for the engine: a char-by-char state machine over the input as ISO-8859-1
 * (so chars are bytes), records parsed one at a time, numbers checked with a regular expression. Written from the
 * rules, not from the engine's code.
 */
final class ReferenceCsv {
    private static final Pattern NUMERIC = Pattern.compile("[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+)?");

    record Rec(String raw, List<String> fields, long line) {
        boolean blank() {
            return raw.equals("\n") || raw.equals("\r\n") || raw.equals("\r");
        }
    }

    record Result(String output, long rowsRead, long rowsKept, long raggedRows, long nonNumericCells) {}

    /** Byte order marks of other encodings than UTF-8 (as Latin-1 strings); the input must not start with one. */
    private static final List<String> FOREIGN_BOMS = List.of(
            "\u00ff\u00fe", // UTF-16LE, and UTF-32LE (FF FE 00 00)
            "\u00fe\u00ff", // UTF-16BE
            "\u0000\u0000\u00fe\u00ff", // UTF-32BE
            "\u00841\u00953", // GB18030
            "\u00ddsfs", // UTF-EBCDIC
            "+/v", // UTF-7
            "\u00f7dL", // UTF-1
            "\u000e\u00fe\u00ff", // SCSU
            "\u00fb\u00ee("); // BOCU-1

    private final String s;
    private final int maxRecordBytes;
    private int i;
    private long line = 1;
    private boolean first = true;

    ReferenceCsv(String latin1Input) {
        this(latin1Input, Integer.MAX_VALUE);
    }

    /** Also checks the encoding: a foreign byte order mark fails at once, a NUL in the header when it is read. */
    ReferenceCsv(String latin1Input, int maxRecordBytes) {
        this.s = latin1Input;
        this.maxRecordBytes = maxRecordBytes;
        this.i = s.startsWith(Latin1.BOM) ? 3 : 0;
        if (FOREIGN_BOMS.stream().anyMatch(s::startsWith)) {
            throw new UnsupportedEncodingCsvException("(foreign byte order mark)", "reference", 1);
        }
    }

    boolean hasBom() {
        return s.startsWith(Latin1.BOM);
    }

    /** The next record, blank lines included, or null at the end. */
    Rec next() {
        if (i == s.length()) {
            return null;
        }
        int start = i;
        long startLine = line;
        List<String> fields = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean fieldStart = true;
        boolean inQuotes = false;
        long quoteLine = 0;
        while (true) {
            if (i == s.length()) {
                checkLength(start, i, startLine);
                if (inQuotes) {
                    throw new MalformedCsvException("quoted field opened here is not closed", quoteLine);
                }
                fields.add(cur.toString());
                return new Rec(s.substring(start), fields, startLine);
            }
            char c = s.charAt(i);
            if (inQuotes) {
                if (c == '"' && i + 1 < s.length() && s.charAt(i + 1) == '"') {
                    cur.append('"');
                    i += 2;
                } else if (c == '"') {
                    inQuotes = false;
                    i++;
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    cur.append(c);
                    i++;
                }
            } else if (fieldStart && c == '"') {
                inQuotes = true;
                quoteLine = line;
                fieldStart = false;
                i++;
            } else if (c == ',') {
                fields.add(cur.toString());
                cur.setLength(0);
                fieldStart = true;
                i++;
            } else if (c == '\n' || c == '\r') { // LF, CRLF or a lone CR (old Mac) ends the record
                i += c == '\r' && i + 1 < s.length() && s.charAt(i + 1) == '\n' ? 2 : 1;
                line++;
                checkLength(start, i, startLine);
                fields.add(cur.toString());
                return new Rec(s.substring(start, i), fields, startLine);
            } else {
                cur.append(c);
                fieldStart = false;
                i++;
            }
        }
    }

    private void checkLength(int start, int end, long startLine) {
        if (end - start > maxRecordBytes) {
            throw new RecordTooLongException(maxRecordBytes, startLine);
        }
    }

    /** The next non-blank record, or null. The first one (the header) must not hold a NUL. */
    Rec nextNonBlank() {
        Rec r;
        do {
            r = next();
        } while (r != null && r.blank());
        if (first && r != null && r.raw().indexOf('\u0000') >= 0) {
            throw new UnsupportedEncodingCsvException("(NUL in the header)", "reference", r.line());
        }
        first = false;
        return r;
    }

    static Double number(String cell) {
        String t = cell.replaceAll("^[ \t]+|[ \t]+$", "");
        return NUMERIC.matcher(t).matches() ? Double.parseDouble(t) : null;
    }

    static Result filter(String input, FilterRule rule) {
        return filter(input, rule, Integer.MAX_VALUE);
    }

    static Result filter(String input, FilterRule rule, int maxRecordBytes) {
        ReferenceCsv csv = new ReferenceCsv(input, maxRecordBytes);
        Rec header = csv.nextNonBlank();
        if (header == null) {
            throw new NoHeaderException();
        }
        List<String> names = header.fields().stream()
                .map(f -> new String(Latin1.bytes(f), java.nio.charset.StandardCharsets.UTF_8))
                .toList();
        int width = names.size();
        List<Integer> selected = selected(rule.columns(), names, header.line());
        StringBuilder out = new StringBuilder(csv.hasBom() ? Latin1.BOM : "").append(header.raw());
        long read = 0;
        long kept = 0;
        long ragged = 0;
        long nonNumeric = 0;
        for (Rec r = csv.nextNonBlank(); r != null; r = csv.nextNonBlank()) {
            read++;
            List<String> cells = r.fields();
            List<Integer> indexes = selected;
            if (indexes == null) {
                indexes = new ArrayList<>();
                for (int k = 0; k < cells.size(); k++) {
                    indexes.add(k);
                }
            }
            boolean any = false;
            boolean all = true;
            for (int k : indexes) {
                if (k >= cells.size()) {
                    all = false;
                    continue;
                }
                Double v = number(cells.get(k));
                if (v == null) {
                    nonNumeric++;
                    all = false;
                } else if (rule.op().test(v, rule.threshold())) {
                    any = true;
                } else {
                    all = false;
                }
            }
            if (cells.size() != width) {
                ragged++;
                if (rule.ragged() == RaggedRowPolicy.REJECT) {
                    throw new RaggedRowException(r.line(), cells.size(), width);
                }
            }
            if (rule.match() == MatchMode.ANY ? any : all) {
                kept++;
                out.append(r.raw());
            }
        }
        return new Result(out.toString(), read, kept, ragged, nonNumeric);
    }

    /** Selected 0-based indexes, or null for every cell. */
    private static List<Integer> selected(ColumnSelection columns, List<String> names, long headerLine) {
        if (!(columns instanceof ColumnSelection.Listed listed)) {
            return null;
        }
        List<Integer> out = new ArrayList<>();
        for (String column : listed.columns()) {
            boolean found = false;
            for (int k = 0; k < names.size(); k++) {
                if (names.get(k).strip().equals(column)) {
                    found = true;
                    if (!out.contains(k)) {
                        out.add(k);
                    }
                }
            }
            if (!found) {
                int index = column.matches("[0-9]{1,9}") ? Integer.parseInt(column) : -1;
                if (index < 1 || index > names.size()) {
                    throw new UnknownColumnException(column, names, headerLine);
                }
                if (!out.contains(index - 1)) {
                    out.add(index - 1);
                }
            }
        }
        return out;
    }
}
