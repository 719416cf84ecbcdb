package io.channelmind.ingestion.repository;

/** PostgreSQL could not be reached or rejected a statement. */
public final class StorageException extends RuntimeException {

    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
