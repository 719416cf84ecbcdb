package io.channelmind.profile.service;

import java.sql.SQLException;
import java.time.Duration;
import java.util.Set;
import java.util.function.Supplier;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;

/**
 * Retries transactions that PostgreSQL aborted because of a deadlock, a serialization failure or
 * a foreign key violation, whether they ran on the SQL client or in a Panache session, and
 * transactions that found an identity moved by a concurrent merge
 * ({@link IdentityConflictException}).
 */
final class Transactions {

    private static final Logger LOG = Logger.getLogger(Transactions.class);
    // 23503 (foreign key violation) is retried because a concurrent merge can delete the profile
    // that a delivery resolved its key to. The retry resolves the key to the survivor.
    private static final Set<String> RETRYABLE_STATES = Set.of("40001", "40P01", "23503");
    private static final int MAX_RETRIES = 5;

    private Transactions() {
    }

    /** Runs a fresh transaction from {@code transaction} until it succeeds, in at most 6 attempts. */
    static <T> Uni<T> withRetry(String what, Supplier<Uni<? extends T>> transaction) {
        return Uni.createFrom().deferred(transaction)
                .onFailure(Transactions::isRetryable).invoke(failure -> LOG.warnf(
                        "%s was aborted (%s); retrying", what, reason(failure)))
                .onFailure(Transactions::isRetryable).retry()
                .withBackOff(Duration.ofMillis(20), Duration.ofMillis(500)).atMost(MAX_RETRIES);
    }

    private static boolean isRetryable(Throwable failure) {
        if (failure instanceof IdentityConflictException) {
            return true;
        }
        String state = sqlState(failure);
        return state != null && RETRYABLE_STATES.contains(state);
    }

    private static String reason(Throwable failure) {
        return failure instanceof IdentityConflictException ? failure.getMessage() : "SQLSTATE " + sqlState(failure);
    }

    /**
     * Returns the SQLSTATE of the first database error in the cause chain, or null when there is
     * none. The chain is searched because Hibernate Reactive wraps the client's errors in its own
     * exceptions.
     */
    private static String sqlState(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof PgException pg) {
                return pg.getSqlState();
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return null;
    }
}
