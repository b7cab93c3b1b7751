package dev.sluice.local.console;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * {@code GET /api/etl?limit=N}: ETL health. The batches extracted and transformed since start (in memory), the
 * batches loaded (the warehouse's {@code etl_batch} ledger: rows, extract and load times), each table's current
 * watermark (the extract's state object in S3) and freshness: how old the newest source change visible in the
 * warehouse is, against the {@value #FRESHNESS_TARGET_MINUTES}-minute target.
 */
public final class EtlEndpoint implements Endpoint {

    /** The pipeline's freshness objective: a source change is in the warehouse within 30 minutes. */
    public static final int FRESHNESS_TARGET_MINUTES = 30;

    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 200;

    static final String LOADED = """
            SELECT batch_id, sequence, rows_loaded, extracted_at, loaded_at FROM etl_batch
            ORDER BY sequence DESC LIMIT ?""";

    /** Source time is the Totesys last_updated (a UTC wall clock without a zone); the newest over the facts. */
    static final String NEWEST_CHANGE = """
            SELECT max(ts) FROM (
              SELECT max(last_updated_date + last_updated_time) AS ts FROM fact_sales_order
              UNION ALL SELECT max(last_updated_date + last_updated_time) FROM fact_purchase_order
              UNION ALL SELECT max(last_updated_date + last_updated_time) FROM fact_payment) t""";

    private final PipelineActivity activity;
    private final S3Client s3;
    private final String ingestionBucket;
    private final String extractStateKey;
    private final DataSource warehouse;
    private final Clock clock;

    public EtlEndpoint(
            PipelineActivity activity,
            S3Client s3,
            String ingestionBucket,
            String extractStateKey,
            DataSource warehouse,
            Clock clock) {
        this.activity = activity;
        this.s3 = s3;
        this.ingestionBucket = ingestionBucket;
        this.extractStateKey = extractStateKey;
        this.warehouse = warehouse;
        this.clock = clock;
    }

    @Override
    public Response handle(Request request) throws SQLException {
        int limit = request.allow(Set.of("limit")).intParam("limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("version", activity.version());
        body.put("batches", activity.batches(limit));
        try (Connection c = warehouse.getConnection()) {
            body.put("loaded", loaded(c, limit));
            body.put("freshness", freshness(c));
        }
        body.put("watermarks", watermarks());
        return Response.json(body);
    }

    private static List<Map<String, Object>> loaded(Connection c, int limit) throws SQLException {
        List<Map<String, Object>> rows = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(LOADED)) {
            s.setInt(1, limit);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("batchId", rs.getString(1));
                    row.put("sequence", rs.getLong(2));
                    row.put("rows", rs.getLong(3));
                    row.put("extractedAt", instant(rs.getTimestamp(4)));
                    row.put("loadedAt", instant(rs.getTimestamp(5)));
                    rows.add(row);
                }
            }
        } catch (SQLException e) {
            if (!"42P01".equals(e.getSQLState())) { // undefined table: the loader has not migrated yet
                throw e;
            }
        }
        return rows;
    }

    private static String instant(Timestamp t) {
        return t == null ? null : t.toInstant().toString();
    }

    private Map<String, Object> freshness(Connection c) throws SQLException {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("targetSeconds", Duration.ofMinutes(FRESHNESS_TARGET_MINUTES).toSeconds());
        LocalDateTime newest = null;
        try (PreparedStatement s = c.prepareStatement(NEWEST_CHANGE);
                ResultSet rs = s.executeQuery()) {
            if (rs.next()) {
                newest = rs.getObject(1, LocalDateTime.class);
            }
        } catch (SQLException e) {
            if (!"42P01".equals(e.getSQLState())) {
                throw e;
            }
        }
        if (newest == null) {
            out.put("status", "unknown");
            out.put("detail", "no facts in the warehouse yet");
            return out;
        }
        long age = Math.max(
                0,
                Duration.between(newest, LocalDateTime.now(clock.withZone(ZoneOffset.UTC)))
                        .toSeconds());
        out.put("newestChange", newest.toString());
        out.put("ageSeconds", age);
        out.put("status", age <= Duration.ofMinutes(FRESHNESS_TARGET_MINUTES).toSeconds() ? "ok" : "stale");
        return out;
    }

    /** Table → watermark from the extract's state object; empty before the first extract. */
    private Map<String, String> watermarks() {
        Map<String, String> out = new LinkedHashMap<>();
        try {
            ResponseBytes<GetObjectResponse> bytes =
                    s3.getObjectAsBytes(b -> b.bucket(ingestionBucket).key(extractStateKey));
            JsonNode tables = Response.JSON.readTree(bytes.asByteArray()).path("tables");
            tables.fields()
                    .forEachRemaining(e ->
                            out.put(e.getKey(), e.getValue().path("watermark").asText()));
        } catch (NoSuchKeyException | NoSuchBucketException e) {
            // no extract yet
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(
                    "cannot read the extract state s3://" + ingestionBucket + "/" + extractStateKey, e);
        }
        return out;
    }
}
