import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * DuckDB side of bench/compare.sh: the same filter as `./sluice filter` (keep the header and every row where a selected
 * cell is a finite number greater than the threshold), as one DuckDB statement, read_csv → WHERE → COPY TO CSV.
 *
 * <pre>java -Djava.library.path=DIR -cp DIR DuckDbFilter first|any THRESHOLD IN.csv OUT.csv</pre>
 *
 * Not part of the Maven build (the DuckDB jar is ~250 MB with every platform's native library): compare.sh compiles it
 * against DuckDB's classes, which it unpacks beside libduckdb_java.so so the JVM loads the library in place instead of
 * extracting 60 MB into /tmp on every run (that would charge DuckDB for our packaging). Prints one line to stderr:
 * rows_kept=N, for compare.sh to check both tools kept the same rows.
 *
 * The predicate: TRY_CAST(cell AS DOUBLE) > t AND < +inf. TRY_CAST trims spaces and gives NULL for non-numbers; DuckDB
 * orders NaN above +inf, so "< inf" drops NaN and inf, which Sluice does not count as numbers either. DuckDB's cast
 * accepts a few spellings Sluice rejects (e.g. "5."); compare.sh shows both rows_kept counts.
 */
public final class DuckDbFilter {
    public static void main(String[] args) throws Exception {
        if (args.length != 4 || !(args[0].equals("first") || args[0].equals("any"))) {
            System.err.println("usage: DuckDbFilter first|any THRESHOLD IN.csv OUT.csv");
            System.exit(2);
        }
        double threshold = Double.parseDouble(args[1]);
        Path in = Path.of(args[2]);
        Path out = Path.of(args[3]);
        List<String> columns = header(in);
        List<String> selected = args[0].equals("first") ? columns.subList(0, 1) : columns;
        List<String> tests = new ArrayList<>();
        for (String c : selected) {
            String cell = "TRY_CAST(" + ident(c) + " AS DOUBLE)";
            tests.add("(" + cell + " > " + threshold + " AND " + cell + " < 'inf'::DOUBLE)");
        }
        String source = "read_csv(" + literal(in.toString())
                + ", header = true, all_varchar = true, delim = ',', quote = '\"', escape = '\"')";
        String sql = "COPY (SELECT * FROM " + source + " WHERE " + String.join(" OR ", tests) + ") TO "
                + literal(out.toString()) + " (FORMAT csv, HEADER true)";
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
                Statement st = db.createStatement()) {
            long kept = st.executeLargeUpdate(sql); // COPY's update count is the number of rows written
            System.err.println("duckdb filter: rows_kept=" + kept);
        }
    }

    /** The header's names, split on commas outside quotes (the bench files' header is plain). */
    private static List<String> header(Path in) throws Exception {
        try (BufferedReader r = Files.newBufferedReader(in, StandardCharsets.UTF_8)) {
            String line = r.readLine();
            if (line == null) {
                throw new IllegalArgumentException(in + " is empty");
            }
            List<String> names = new ArrayList<>();
            for (String n : line.split(",", -1)) {
                names.add(n.startsWith("\"") && n.endsWith("\"") ? n.substring(1, n.length() - 1) : n);
            }
            return names;
        }
    }

    private static String ident(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    private static String literal(String s) {
        return "'" + s.replace("'", "''") + "'";
    }
}
