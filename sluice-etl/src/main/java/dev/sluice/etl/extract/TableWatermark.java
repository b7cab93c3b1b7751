package dev.sluice.etl.extract;

import java.util.List;

/**
 * Where a table's extract stands: the greatest {@code last_updated} delivered so far, and the primary keys of
 * the rows delivered with exactly that value. The next run reads {@code last_updated >= watermark} (so a row
 * committed late with an equal timestamp is not missed) and skips only the keys listed here, so a batch holds
 * exactly the new and changed rows. When too many rows share the watermark to list ({@code keysAtWatermark}
 * null), the run instead compares counts and, if anything changed, re-delivers every row at the watermark
 * (consumers de-duplicate on primary key and {@code last_updated}).
 *
 * @param watermark       ISO-8601 local date-time, full precision
 * @param keysAtWatermark primary keys (columns joined by U+001F) of the delivered rows at the watermark, or null
 * @param rowsAtWatermark how many rows had the watermark when it was taken
 */
public record TableWatermark(String watermark, List<String> keysAtWatermark, long rowsAtWatermark) {

    /** Above this many rows sharing one timestamp, keys are not listed (keeps the state object small). */
    static final int MAX_KEYS_AT_WATERMARK = 10_000;

    public TableWatermark {
        keysAtWatermark = keysAtWatermark == null ? null : List.copyOf(keysAtWatermark);
    }
}
