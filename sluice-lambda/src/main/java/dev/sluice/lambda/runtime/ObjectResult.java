package dev.sluice.lambda.runtime;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

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
}
