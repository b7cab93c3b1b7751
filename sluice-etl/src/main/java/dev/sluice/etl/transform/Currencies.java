package dev.sluice.etl.transform;

import dev.sluice.etl.transform.internal.PgCsvReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * ISO 4217 currency names from the shipped code list ({@code iso4217.csv}: current and historic codes with
 * English names, generated from the JDK's ISO 4217 data). A code not in the list keeps its code and gets the
 * explicit name {@value #UNKNOWN}; it is never rewritten.
 */
public final class Currencies {

    public static final String UNKNOWN = "unknown";
    private static final String RESOURCE = "iso4217.csv";

    private final Map<String, String> names;

    private Currencies(Map<String, String> names) {
        this.names = Map.copyOf(names);
    }

    public static Currencies iso4217() {
        try (InputStream in = Currencies.class.getResourceAsStream(RESOURCE);
                PgCsvReader reader = new PgCsvReader(in)) {
            Map<String, String> names = new HashMap<>();
            for (List<String> row = reader.next(); row != null; row = reader.next()) {
                names.put(row.get(0), row.get(1));
            }
            return new Currencies(names);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the ISO 4217 list " + RESOURCE, e);
        }
    }

    public String name(String code) {
        return names.getOrDefault(code, UNKNOWN);
    }

    public int size() {
        return names.size();
    }
}
