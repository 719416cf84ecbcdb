package io.channelmind.profile.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;

import org.hibernate.HibernateException;
import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;

class TransactionsTest {

    private final AtomicInteger attempts = new AtomicInteger();

    @Test
    void deadlockOnSqlClientIsRetried() {
        RuntimeException deadlock = new PgException("deadlock detected", "ERROR", "40P01", null);

        String result = Transactions.withRetry("Test", () -> failFirst(deadlock)).await().indefinitely();

        assertEquals("committed", result);
        assertEquals(2, attempts.get());
    }

    @Test
    void wrappedSerializationFailureIsRetried() {
        SQLException serialization = new SQLException("could not serialize access", "40001",
                new PgException("could not serialize access", "ERROR", "40001", null));
        RuntimeException wrapped = new HibernateException("Commit failed", serialization);

        String result = Transactions.withRetry("Test", () -> failFirst(wrapped)).await().indefinitely();

        assertEquals("committed", result);
        assertEquals(2, attempts.get());
    }

    @Test
    void otherFailureIsNotRetried() {
        RuntimeException uniqueViolation = new HibernateException("Insert failed",
                new PgException("duplicate key value", "ERROR", "23505", null));

        RuntimeException thrown = assertThrows(RuntimeException.class,
                () -> Transactions.withRetry("Test", () -> failFirst(uniqueViolation)).await().indefinitely());

        assertSame(uniqueViolation, thrown);
        assertEquals(1, attempts.get());
    }

    @Test
    void failureWithoutCauseIsNotRetried() {
        RuntimeException plain = new IllegalStateException("no database involved");

        assertThrows(IllegalStateException.class,
                () -> Transactions.withRetry("Test", () -> failFirst(plain)).await().indefinitely());

        assertEquals(1, attempts.get());
    }

    /** Fails the first attempt with {@code failure} and succeeds on later ones. */
    private Uni<String> failFirst(RuntimeException failure) {
        return attempts.incrementAndGet() == 1
                ? Uni.createFrom().failure(failure)
                : Uni.createFrom().item("committed");
    }
}
