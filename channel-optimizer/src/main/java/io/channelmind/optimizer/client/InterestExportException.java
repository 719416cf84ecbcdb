package io.channelmind.optimizer.client;

/** Reading the interest export failed: profile-service was unreachable, timed out or sent an invalid page. */
public class InterestExportException extends RuntimeException {

    public InterestExportException(String message, Throwable cause) {
        super(message, cause);
    }

    public InterestExportException(String message) {
        super(message);
    }
}
