package io.channelmind.ingestion.messaging;

/** Kafka did not acknowledge every message of an import, so some of its rows may not be stored. */
public final class PublishFailedException extends RuntimeException {

    public PublishFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
