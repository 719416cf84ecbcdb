package io.channelmind.profile.service;

/**
 * Raised when a concurrent transaction changed which profile owns an identity after this
 * transaction resolved it. The transaction rolls back and {@link Transactions#withRetry} runs it
 * again with fresh data.
 */
public class IdentityConflictException extends RuntimeException {

    public IdentityConflictException(String message) {
        super(message);
    }
}
