package dev.sluice.lambda.dynamodb;

import java.util.Locale;

/** How a row reaches the table. */
public enum WriteMode {
    /** Replace the whole item (BatchWriteItem PutRequests). */
    PUT,
    /** Update only the attributes present in the row and keep the others (UpdateItem SET). */
    MERGE;

    public static WriteMode parse(String s) {
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown write mode '" + s + "': choose put or merge");
        }
    }
}
