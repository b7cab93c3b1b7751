package dev.sluice.core.csv;

import dev.sluice.core.csv.internal.FilterEngine;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the engine or the reader and the reference implementation on the same input and renders each result (output
 * and counts, or the typed error and its line) as comparable text, for the property tests.
 */
final class AgainstReference {

    private AgainstReference() {}

    static String engine(String input, FilterRule rule, int bufferSize, int limit, IoMode io) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            FilterSummary s = new FilterEngine(
                            rule, new ByteArrayInputStream(Latin1.bytes(input)), out, bufferSize, limit, io)
                    .run();
            return render(
                    Latin1.string(out.toByteArray()), s.rowsRead(), s.rowsKept(), s.raggedRows(), s.nonNumericCells());
        } catch (CsvException e) {
            return error(e);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static String reference(String input, FilterRule rule, int limit) {
        try {
            ReferenceCsv.Result r = ReferenceCsv.filter(input, rule, limit);
            return render(r.output(), r.rowsRead(), r.rowsKept(), r.raggedRows(), r.nonNumericCells());
        } catch (CsvException e) {
            return error(e);
        }
    }

    static String render(String output, long read, long kept, long ragged, long nonNumeric) {
        return "read=" + read + " kept=" + kept + " ragged=" + ragged + " nonNumeric=" + nonNumeric + "\n" + output;
    }

    /** Malformed and encoding messages are worded by each side; type and line must agree, other messages exactly. */
    static String error(CsvException e) {
        String message = e instanceof MalformedCsvException || e instanceof UnsupportedEncodingCsvException
                ? ""
                : e.getMessage();
        return e.getClass().getSimpleName() + " line " + e.line() + " " + message;
    }

    static List<String> readAll(String input, int bufferSize) throws IOException {
        List<String> records = new ArrayList<>();
        try (CsvReader reader = CsvReader.ofBufferSize(new ByteArrayInputStream(Latin1.bytes(input)), bufferSize)) {
            for (CsvRecord r = reader.next(); r != null; r = reader.next()) {
                ByteArrayOutputStream raw = new ByteArrayOutputStream();
                r.writeRawTo(raw);
                records.add(r.line() + " " + r.fields() + " " + Latin1.string(raw.toByteArray()));
            }
        } catch (CsvException e) {
            records.add(error(e));
        }
        return records;
    }

    static List<String> referenceRecords(String input) {
        List<String> records = new ArrayList<>();
        try {
            ReferenceCsv csv = new ReferenceCsv(input);
            for (ReferenceCsv.Rec r = csv.nextNonBlank(); r != null; r = csv.nextNonBlank()) {
                List<String> utf8 = r.fields().stream()
                        .map(f -> new String(Latin1.bytes(f), java.nio.charset.StandardCharsets.UTF_8))
                        .toList();
                records.add(r.line() + " " + utf8 + " " + r.raw());
            }
        } catch (CsvException e) {
            records.add(error(e));
        }
        return records;
    }
}
