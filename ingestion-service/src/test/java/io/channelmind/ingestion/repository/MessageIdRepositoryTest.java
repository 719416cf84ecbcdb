package io.channelmind.ingestion.repository;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
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
import io.smallrye.mutiny.Uni;
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

    /**
     * The tracking API's own transaction: BEGIN and the claim go out together, the claim keeps the
     * ids locked until the work's Uni emits, and then the commit stores them.
     */
    @Test
    void claimLocksIdsUntilWorkEnds() throws Exception {
        CompletableFuture<Void> published = new CompletableFuture<>();
        CompletableFuture<Set<String>> claimed = new CompletableFuture<>();
        Instant now = Instant.now();
        Uni<Set<String>> request = repository.claimInTransaction(source, new String[] {"held", "new"}, now,
                now.minus(WINDOW), (connection, fresh) -> {
                    claimed.complete(fresh);
                    return Uni.createFrom().completionStage(published).replaceWith(fresh);
                });
        CompletableFuture<Set<String>> outcome = request.subscribeAsCompletionStage();

        assertEquals(Set.of("held", "new"), claimed.get(30, TimeUnit.SECONDS));
        Future<Set<String>> second = secondReplica.submit(() -> claimAndCommit("held"));
        Thread.sleep(500);
        assertFalse(second.isDone(), "the second claim should wait until the first request's work ended");
        published.complete(null);

        assertEquals(Set.of("held", "new"), outcome.get(30, TimeUnit.SECONDS));
        assertEquals(Set.of(), second.get(30, TimeUnit.SECONDS));
    }

    /** When the work fails, as when Kafka is unreachable, nothing of the claim stays. */
    @Test
    void failedWorkRollsBackClaim() {
        Instant now = Instant.now();
        Uni<Set<String>> request = repository.claimInTransaction(source, new String[] {"failed"}, now, now.minus(WINDOW),
                (connection, fresh) -> Uni.createFrom().failure(new IllegalStateException("Kafka unreachable")));

        assertThrows(IllegalStateException.class, () -> request.await().atMost(TIMEOUT));
        assertEquals(Set.of("failed"), claimAndCommit("failed"));
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
