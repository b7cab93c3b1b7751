package dev.sluice.core.csv;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Random CSV inputs (chars are bytes) and filter rules for the property tests. */
final class CsvGenerators {
    private CsvGenerators() {}

    /** Mostly well-formed CSV with random quoting, line ends, blank lines, BOM, ragged rows; or raw byte soup. */
    static Arbitrary<String> csvs() {
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(4, structured()), net.jqwik.api.Tuple.of(1, soup()));
    }

    static Arbitrary<String> soup() {
        return Arbitraries.strings()
                .withChars("5,\"\n\r .e-a\u00ff9\t+")
                .ofMaxLength(60)
                .flatMap(s -> Arbitraries.of("", Latin1.BOM).map(bom -> bom + s));
    }

    static Arbitrary<String> structured() {
        Arbitrary<Integer> width = Arbitraries.integers().between(1, 4);
        return width.flatMap(w -> {
            Arbitrary<List<List<String>>> rows = row(w).list().ofMaxSize(8);
            Arbitrary<String> bom = Arbitraries.of("", "", "", Latin1.BOM);
            Arbitrary<Boolean> finalLineEnd = Arbitraries.of(true, true, false);
            Arbitrary<List<String>> ends = Arbitraries.of(
                            "\n", "\n", "\r\n", "\n\n", "\r\n\r\n", "\n\r\n", "\r", "\r\r\n", "\n\r")
                    .list()
                    .ofSize(10);
            Arbitrary<List<Boolean>> quoting =
                    Arbitraries.of(false, false, true).list().ofSize(60);
            return Combinators.combine(rows, bom, finalLineEnd, ends, quoting).as((rs, b, fin, es, qs) -> {
                StringBuilder sb = new StringBuilder(b);
                int q = 0;
                int n = 0;
                for (List<String> row : header(w, rs)) {
                    for (int c = 0; c < row.size(); c++) {
                        if (c > 0) {
                            sb.append(',');
                        }
                        sb.append(encode(row.get(c), qs.get(q++ % qs.size())));
                    }
                    sb.append(es.get(n++ % es.size()));
                }
                String out = sb.toString();
                if (!fin) {
                    out = out.replaceAll("[\r\n]+$", "");
                }
                return out;
            });
        });
    }

    private static List<List<String>> header(int w, List<List<String>> rows) {
        List<String> names = new java.util.ArrayList<>();
        for (int c = 1; c <= w; c++) {
            names.add(c == 2 ? "c 2" : "c" + c);
        }
        List<List<String>> all = new java.util.ArrayList<>();
        all.add(names);
        all.addAll(rows);
        return all;
    }

    private static Arbitrary<List<String>> row(int width) {
        Arbitrary<Integer> size = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, Arbitraries.just(width)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(1, width + 2)));
        return size.flatMap(n -> cell().list().ofSize(n));
    }

    static Arbitrary<String> cell() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(
                        5,
                        Arbitraries.of(
                                "4.7",
                                "4.69",
                                "4.71",
                                "5",
                                "-1",
                                "0",
                                "10",
                                "09.1",
                                "1e1",
                                "-0",
                                "+5",
                                ".5",
                                "5.",
                                " 5 ",
                                "\t6",
                                "4.7000000000000007",
                                "1e400",
                                "NaN",
                                "inf",
                                "0x10",
                                "5%",
                                "$5",
                                "",
                                "abc",
                                "2024-01-15",
                                "1,000",
                                "5\r",
                                "\"5\"",
                                "1e",
                                "-.5e+1")),
                net.jqwik.api.Tuple.of(3, Arbitraries.doubles().between(-20, 20).map(String::valueOf)),
                net.jqwik.api.Tuple.of(
                        2, Arbitraries.integers().between(-10, 99).map(String::valueOf)),
                net.jqwik.api.Tuple.of(
                        3,
                        Arbitraries.strings()
                                .withChars("ab ,\"\n\r5.\u00ff\u00e9")
                                .ofMaxLength(6)));
    }

    /** Quotes when the value needs it (or when asked); otherwise writes it raw. */
    private static String encode(String value, boolean forceQuotes) {
        boolean needs = value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r");
        return needs || forceQuotes ? '"' + value.replace("\"", "\"\"") + '"' : value;
    }

    static Arbitrary<FilterRule> rules() {
        Arbitrary<Double> threshold = Arbitraries.of(4.7, 5.0, 0.0, -1.0, 10.0, 4.71);
        Arbitrary<Comparison> op = Arbitraries.of(Comparison.class);
        Arbitrary<MatchMode> match = Arbitraries.of(MatchMode.class);
        Arbitrary<RaggedRowPolicy> ragged =
                Arbitraries.of(RaggedRowPolicy.TOLERATE, RaggedRowPolicy.TOLERATE, RaggedRowPolicy.REJECT);
        Arbitrary<ColumnSelection> columns = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, Arbitraries.just(ColumnSelection.ALL)),
                net.jqwik.api.Tuple.of(
                        3,
                        Arbitraries.of("1", "2", "3", "c1", "c 2", "c3", "c4", "c9", "0")
                                .list()
                                .ofMinSize(1)
                                .ofMaxSize(3)
                                .map(l -> ColumnSelection.parse(String.join(",", l)))));
        return Combinators.combine(threshold, op, columns, match, ragged).as(FilterRule::new);
    }
}
