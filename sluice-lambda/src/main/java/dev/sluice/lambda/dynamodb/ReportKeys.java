package dev.sluice.lambda.dynamodb;

/** Where the loader's reports for one source object go in the rejects bucket. */
public final class ReportKeys {

    /** Everything the loader writes to the errors bucket is under this prefix (shared with other functions). */
    public static final String PREFIX = "dynamodb/";

    private ReportKeys() {}

    /** Rows that could not be loaded, each with its line and reason. */
    public static String rejects(String sourceKey) {
        return PREFIX + sourceKey + ".rejects.csv";
    }

    /** Why the whole file was not loaded. */
    public static String error(String sourceKey) {
        return PREFIX + sourceKey + ".error.json";
    }
}
