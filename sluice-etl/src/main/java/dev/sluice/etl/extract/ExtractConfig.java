package dev.sluice.etl.extract;

import dev.sluice.aws.config.Settings;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What to extract and where to put it. Table and schema names are checked here, at start-up, to be plain
 * lower-case SQL identifiers (so {@code staff; drop table staff;} never gets further), and again against the
 * database catalog at the start of every run, before anything is read or written.
 *
 * @param bucket    ingestion bucket
 * @param prefix    key prefix of everything the extract writes ({@code ingestion})
 * @param schema    source schema
 * @param tables    allow-list of tables to extract
 * @param fetchSize rows per cursor fetch: bounds the memory a table needs, whatever its size
 */
public record ExtractConfig(String bucket, String prefix, String schema, List<String> tables, int fetchSize) {

    public static final String DEFAULT_PREFIX = "ingestion";
    public static final String DEFAULT_SCHEMA = "public";
    public static final int DEFAULT_FETCH_SIZE = 1_000;
    /**
     * The 11 Totesys source tables, in an order where every table comes after the tables it references (the source
     * schema itself is the source system's: the test kit's copy of it is checked against this list).
     */
    public static final List<String> TOTESYS_TABLES = List.of(
            "currency",
            "payment_type",
            "department",
            "address",
            "design",
            "counterparty",
            "staff",
            "sales_order",
            "purchase_order",
            "transaction",
            "payment");
    /** PostgreSQL's NAMEDATALEN is 64, so identifiers have at most 63 bytes. */
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

    public ExtractConfig {
        if (bucket == null || !BUCKET.matcher(bucket).matches()) {
            throw new ExtractConfigException("ingestion bucket '" + bucket + "' is not a valid S3 bucket name");
        }
        if (prefix == null || prefix.isEmpty() || prefix.startsWith("/") || prefix.endsWith("/")) {
            throw new ExtractConfigException(
                    "key prefix '" + prefix + "' must be non-empty with no leading or trailing '/'");
        }
        requireIdentifier("schema", schema);
        if (tables == null || tables.isEmpty()) {
            throw new ExtractConfigException("the table allow-list is empty");
        }
        tables = List.copyOf(tables);
        for (String table : tables) {
            requireIdentifier("table", table);
        }
        if (new HashSet<>(tables).size() != tables.size()) {
            throw new ExtractConfigException("the table allow-list " + tables + " names a table twice");
        }
        if (fetchSize < 1) {
            throw new ExtractConfigException("fetch size must be at least 1, got " + fetchSize);
        }
    }

    /** Every Totesys table into {@code bucket}, with the defaults. */
    public static ExtractConfig totesys(String bucket) {
        return new ExtractConfig(bucket, DEFAULT_PREFIX, DEFAULT_SCHEMA, TOTESYS_TABLES, DEFAULT_FETCH_SIZE);
    }

    /**
     * From the function's settings, read as every Sluice function reads them: {@code INGESTION_BUCKET} (required),
     * {@code TOTESYS_TABLES} (comma list, default all 11), {@code TOTESYS_SCHEMA} (default public),
     * {@code EXTRACT_FETCH_SIZE} (default 1000).
     */
    public static ExtractConfig from(Settings settings) {
        String bucket = settings.required("INGESTION_BUCKET", "the ingestion bucket's name");
        List<String> tables = settings.optional("TOTESYS_TABLES")
                .map(list ->
                        Arrays.stream(list.split(",", -1)).map(String::strip).toList())
                .orElse(TOTESYS_TABLES);
        int fetchSize = settings.integer("EXTRACT_FETCH_SIZE", DEFAULT_FETCH_SIZE);
        return new ExtractConfig(
                bucket, DEFAULT_PREFIX, settings.string("TOTESYS_SCHEMA", DEFAULT_SCHEMA), tables, fetchSize);
    }

    private static void requireIdentifier(String what, String name) {
        if (name == null || !IDENTIFIER.matcher(name).matches()) {
            throw new ExtractConfigException(what + " name '" + name
                    + "' is not a plain identifier (lower-case letters, digits, '_'; at most 63): rejected");
        }
    }
}
