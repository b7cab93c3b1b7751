package dev.sluice.aws.failure;

/** Why an object named in an event was deliberately not processed. Skips are counted, never errors. */
public enum SkipReason {
    /** The key does not end in an accepted suffix (e.g. ".csv", case-insensitive). */
    UNSUPPORTED_SUFFIX,
    /** A zero-byte "folder" key ending in "/". */
    FOLDER,
    /** The key is under this function's own output or error-report prefix (loop guard). */
    OWN_OUTPUT,
    /** The object was overwritten after the event was sent; the newer object's own event processes it. */
    SUPERSEDED
}
