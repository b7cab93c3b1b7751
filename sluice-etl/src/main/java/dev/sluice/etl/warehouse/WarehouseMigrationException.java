package dev.sluice.etl.warehouse;

/** The warehouse schema could not be brought up to date (connection, lock or a failing migration). */
public final class WarehouseMigrationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public WarehouseMigrationException(String message, Throwable cause) {
        super(message, cause);
    }
}
