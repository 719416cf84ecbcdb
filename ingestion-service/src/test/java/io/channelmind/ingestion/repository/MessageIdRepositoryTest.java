package io.channelmind.ingestion.repository;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.channelmind.ingestion.support.Tracking;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;

/**
 * Claims of one messageId from two database connections, as two replicas of the service make
 * them: each replica's request claims its ids in its own transaction, publishes, and commits.
 */
@QuarkusTest
class MessageIdRepositoryTest {

    private static final Duration WINDOW = Duration.ofDays(7);

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Inject
    MessageIdRepository repository;

    @Inject
    Pool pool;

    private final ExecutorService secondReplica = Executors.newSingleThreadExecutor();
    private String source;

    @BeforeEach
    void newSource() {
        source = Tracking.createSource("replicas").name();
    }

    @AfterEach
    void stopReplica() {
        secondReplica.shutdownNow();
    }

    @Test
    void secondClaimWaitsForCommit() throws Exception {
        try (Replica first = new Replica()) {
            assertEquals(Set.of("race"), first.claim("race"));
            Future<Set<String>> second = secondReplica.submit(() -> claimAndCommit("race"));

            Thread.sleep(500);
            assertFalse(second.isDone(), "the second claim should wait for the first transaction");
            first.commit();

            assertEquals(Set.of(), second.get(30, TimeUnit.SECONDS));
        }
    }

    /** A replica whose publish failed rolls back, so the other replica's request publishes the call. */
    @Test
    void rolledBackClaimFreesId() throws Exception {
        try (Replica first = new Replica()) {
            first.claim("race");
            Future<Set<String>> second = secondReplica.submit(() -> claimAndCommit("race"));

            Thread.sleep(500);
            first.rollback();

            assertEquals(Set.of("race"), second.get(30, TimeUnit.SECONDS));
        }
    }

    @Test
    void releasedIdIsClaimedAgain() throws Exception {
        try (Replica first = new Replica()) {
            first.claim("stored", "not-stored");
            repository.release(first.connection, source, List.of("not-stored")).await().atMost(TIMEOUT);
            first.commit();
        }

        assertEquals(Set.of("not-stored"), claimAndCommit("stored", "not-stored"));
    }

    private Set<String> claimAndCommit(String... ids) {
        try (Replica replica = new Replica()) {
            Set<String> fresh = replica.claim(ids);
            replica.commit();
            return fresh;
        }
    }

    /** One replica's database connection with an open transaction, as a tracking request keeps it. */
    private final class Replica implements AutoCloseable {

        private final SqlConnection connection = pool.getConnection().await().atMost(TIMEOUT);
        private final Transaction transaction = connection.begin().await().atMost(TIMEOUT);

        Set<String> claim(String... ids) {
            String[] sorted = ids.clone();
            Arrays.sort(sorted);
            Instant now = Instant.now();
            return repository.claim(connection, source, sorted, now, now.minus(WINDOW)).await().atMost(TIMEOUT);
        }

        void commit() {
            transaction.commit().await().atMost(TIMEOUT);
        }

        void rollback() {
            transaction.rollback().await().atMost(TIMEOUT);
        }

        @Override
        public void close() {
            connection.close().await().atMost(TIMEOUT);
        }
    }
}
