package dev.sluice.lambda.runtime;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What processing one object produced.
 *
 * @param output where the result went (e.g. {@code s3://bucket/key}), for logs
 * @param counts named counts, each emitted as a Count metric and a log field (e.g. RowsIn, RowsKept)
 * @param bytes  named byte sizes, each emitted as a Bytes metric and a log field (e.g. BytesIn, BytesOut)
 */
public record ObjectResult(String output, Map<String, Long> counts, Map<String, Long> bytes) {

    public ObjectResult {
        counts = Collections.unmodifiableMap(new LinkedHashMap<>(counts));
        bytes = Collections.unmodifiableMap(new LinkedHashMap<>(bytes));
    }

    public long count(String name) {
        return counts.getOrDefault(name, 0L);
    }

    /**
     * The counts in words, in the processor's order, for a human-readable line: whatever the function, it says what
     * that function did, e.g. "rows in 3, rows loaded 2, rows rejected 1, write retries 0".
     */
    public String describeCounts() {
        return counts.entrySet().stream()
                .map(e -> words(e.getKey()) + " " + e.getValue())
                .collect(Collectors.joining(", "));
    }

    /** "RowsRejected" -> "rows rejected". */
    private static String words(String metricName) {
        return metricName.replaceAll("(?<=[a-z0-9])(?=[A-Z])", " ").toLowerCase(Locale.ROOT);
    }
}
