package dev.sluice.notifier;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * One mail per fingerprint per window, decided by DynamoDB conditional writes, so concurrent notifier invocations
 * (one per log group and delivery) agree without coordination.
 *
 * <p>Item: {@code fingerprint} (S, SHA-256 of function|type|key), {@code expires_at} (N, epoch seconds: the
 * window's end, also the table's TTL attribute), {@code window_start}, {@code suppressed} (N) and readable
 * {@code function_name}, {@code error_type}, {@code object_key}. A claim succeeds only when no item exists or its
 * window has ended ({@code expires_at <= now}: TTL deletion can lag by hours, so the condition never relies on it);
 * the old item's {@code suppressed} count is returned with the claim, for the next mail. A failed claim adds 1 to
 * {@code suppressed} instead.
 */
public final class AlertDeduplicator {

    /** The outcome for one error: mail it (with the previous window's suppressed count), or it was counted. */
    public sealed interface Decision {
        record Send(long suppressedBefore, Instant previousWindowStart, long claimExpiresAt) implements Decision {}

        record Suppressed() implements Decision {}
    }

    /** An item can vanish (TTL) between a failed claim and the count; then we claim again, once. */
    private static final int MAX_ATTEMPTS = 2;

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final Duration window;
    private final Clock clock;

    public AlertDeduplicator(DynamoDbClient dynamoDb, String table, Duration window, Clock clock) {
        this.dynamoDb = dynamoDb;
        this.table = table;
        this.window = window;
        this.clock = clock;
    }

    public Decision decide(ErrorLine error) {
        String fingerprint = fingerprint(error.fingerprint());
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            long now = clock.instant().getEpochSecond();
            long expiresAt = now + window.toSeconds();
            try {
                UpdateItemResponse claimed = dynamoDb.updateItem(b -> b.tableName(table)
                        .key(key(fingerprint))
                        .updateExpression("SET expires_at = :expires, window_start = :now, suppressed = :zero, "
                                + "function_name = :fn, error_type = :type, object_key = :key")
                        .conditionExpression("attribute_not_exists(fingerprint) OR expires_at <= :now")
                        .expressionAttributeValues(Map.of(
                                ":expires", number(expiresAt),
                                ":now", number(now),
                                ":zero", number(0),
                                ":fn", string(error.function()),
                                ":type", string(error.errorType()),
                                ":key", string(error.subject())))
                        .returnValues(ReturnValue.ALL_OLD));
                Map<String, AttributeValue> old = claimed.attributes();
                long suppressed = old.containsKey("suppressed")
                        ? Long.parseLong(old.get("suppressed").n())
                        : 0;
                Instant previous = old.containsKey("window_start")
                        ? Instant.ofEpochSecond(
                                Long.parseLong(old.get("window_start").n()))
                        : null;
                return new Decision.Send(suppressed, previous, expiresAt);
            } catch (ConditionalCheckFailedException inWindow) {
                try {
                    dynamoDb.updateItem(b -> b.tableName(table)
                            .key(key(fingerprint))
                            .updateExpression("ADD suppressed :one")
                            .conditionExpression("attribute_exists(fingerprint)")
                            .expressionAttributeValues(Map.of(":one", number(1))));
                    return new Decision.Suppressed();
                } catch (ConditionalCheckFailedException expiredMeanwhile) {
                    // deleted by TTL between the two writes: claim again
                }
            }
        }
        return new Decision.Suppressed();
    }

    /**
     * Gives a claim back when its mail could not be sent, so the retried invocation mails instead of finding the
     * error "already reported". Conditional on our own claim, so a newer claim is never removed.
     */
    public void release(ErrorLine error, Decision.Send claim) {
        String fingerprint = fingerprint(error.fingerprint());
        try {
            dynamoDb.deleteItem(b -> b.tableName(table)
                    .key(key(fingerprint))
                    .conditionExpression("expires_at = :expires")
                    .expressionAttributeValues(Map.of(":expires", number(claim.claimExpiresAt()))));
        } catch (ConditionalCheckFailedException someoneElsesClaim) {
            // a newer claim: leave it
        }
    }

    static String fingerprint(String identity) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static Map<String, AttributeValue> key(String fingerprint) {
        return Map.of("fingerprint", string(fingerprint));
    }

    private static AttributeValue number(long n) {
        return AttributeValue.fromN(Long.toString(n));
    }

    private static AttributeValue string(String s) {
        return AttributeValue.fromS(s);
    }
}
