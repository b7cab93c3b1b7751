package dev.sluice.local.totesys;

/**
 * {@code ./sluice up} found Totesys state in its S3 folders that does not belong to its PostgreSQL cluster (one of
 * them was deleted or replaced). The message is one line that names the folders to delete.
 */
public final class LocalStateMismatchException extends RuntimeException {

    LocalStateMismatchException(String message) {
        super(message);
    }
}
