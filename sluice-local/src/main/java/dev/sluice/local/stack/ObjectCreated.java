package dev.sluice.local.stack;

/**
 * One "object created" notification from the embedded S3 endpoint, before it is turned into S3 event JSON.
 *
 * @param eventName {@code ObjectCreated:Put}, {@code ObjectCreated:CompleteMultipartUpload} or {@code ObjectCreated:Copy}
 * @param eTag      without quotes
 * @param sequencer hex string; later events for the same key have larger values (as in S3)
 */
public record ObjectCreated(String bucket, String key, String eventName, String eTag, long size, String sequencer) {}
