package io.channelmind.ingestion.repository;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
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

/**
 * Claims of one messageId from two database connections, as two replicas of the service make
 * them: each replica's request claims its ids in its own transaction, publishes, and commits.
 */
@QuarkusTest
class MessageIdRepositoryTest {

    private static final Duration WINDOW = Duration.ofDays(7);

    @Inject
    MessageIdRepository repository;

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
        try (Connection first = repository.openTransaction()) {
            assertEquals(Set.of("race"), claim(first, "race"));
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
        try (Connection first = repository.openTransaction()) {
            claim(first, "race");
            Future<Set<String>> second = secondReplica.submit(() -> claimAndCommit("race"));

            Thread.sleep(500);
            first.rollback();

            assertEquals(Set.of("race"), second.get(30, TimeUnit.SECONDS));
        }
    }

    @Test
    void releasedIdIsClaimedAgain() throws Exception {
        try (Connection first = repository.openTransaction()) {
            claim(first, "stored", "not-stored");
            repository.release(first, source, List.of("not-stored"));
            first.commit();
        }

        assertEquals(Set.of("not-stored"), claimAndCommit("stored", "not-stored"));
    }

    private Set<String> claimAndCommit(String... ids) throws Exception {
        try (Connection transaction = repository.openTransaction()) {
            Set<String> fresh = claim(transaction, ids);
            transaction.commit();
            return fresh;
        }
    }

    private Set<String> claim(Connection transaction, String... ids) {
        Instant now = Instant.now();
        return repository.claim(transaction, source, new TreeSet<>(List.of(ids)), now, now.minus(WINDOW));
    }
}
