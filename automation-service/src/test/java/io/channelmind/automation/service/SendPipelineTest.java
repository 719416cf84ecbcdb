package io.channelmind.automation.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import org.junit.jupiter.api.Test;

import io.channelmind.automation.repository.SendOutbox.ClaimedSend;
import io.channelmind.automation.repository.SendOutbox.Finished;
import io.channelmind.automation.repository.SendOutbox.Outcome;
import io.channelmind.web.crypto.SealedValue;
import io.smallrye.mutiny.Uni;

/**
 * Drives a {@link SendPipeline} with sends and commits that the test completes one by one, and
 * checks the bounds that exactly-once sending relies on.
 */
class SendPipelineTest {

    private static final int CONCURRENCY = 4;

    /** Sends and commits that the test completes by hand, with the counts the bounds are about. */
    private static final class Harness {
        final Deque<CompletableFuture<Finished>> sends = new ArrayDeque<>();
        final Deque<CompletableFuture<Void>> commits = new ArrayDeque<>();
        final List<Finished> sent = new ArrayList<>();
        final List<String> recorded = new ArrayList<>();
        final List<Integer> batchSizes = new ArrayList<>();
        int maxInFlight;
        int maxUnrecorded;
        int committing;

        SendPipeline pipeline(int rows) {
            return new SendPipeline(rows(rows), CONCURRENCY, this::send, this::commit);
        }

        SendPipeline openPipeline() {
            return new SendPipeline(CONCURRENCY, this::send, this::commit);
        }

        private Uni<Finished> send(ClaimedSend row) {
            CompletableFuture<Finished> reply = new CompletableFuture<>();
            sends.add(reply);
            maxInFlight = Math.max(maxInFlight, sends.size());
            Finished outcome = new Finished(row.idempotencyKey(), Outcome.skipped("test"));
            return Uni.createFrom().completionStage(reply.thenApply(accepted -> {
                sent.add(outcome);
                maxUnrecorded = Math.max(maxUnrecorded, sent.size() - recorded.size());
                return outcome;
            }));
        }

        private Uni<Void> commit(List<ClaimedSend> rows, List<Finished> outcomes) {
            CompletableFuture<Void> done = new CompletableFuture<>();
            commits.add(done);
            batchSizes.add(outcomes.size());
            committing++;
            return Uni.createFrom().completionStage(done.thenRun(() -> {
                committing--;
                outcomes.forEach(outcome -> recorded.add(outcome.idempotencyKey()));
            }));
        }

        /** Lets the SMTP server accept the oldest send in flight. */
        void acceptOne() {
            sends.poll().complete(null);
        }

        void commitOne() {
            commits.poll().complete(null);
        }
    }

    @Test
    void sendsAndRecordsEveryRowOnce() throws Exception {
        Harness harness = new Harness();
        SendPipeline pipeline = harness.pipeline(50).start();

        while (!harness.sends.isEmpty() || !harness.commits.isEmpty()) {
            if (!harness.sends.isEmpty()) {
                harness.acceptOne();
            }
            // Commits end less often than sends, so outcomes also wait while a commit runs.
            if (!harness.commits.isEmpty() && (harness.sends.isEmpty() || harness.sent.size() % 3 == 0)) {
                harness.commitOne();
            }
        }

        pipeline.finished().await().atMost(Duration.ofSeconds(5));
        assertEquals(50, harness.recorded.size());
        assertEquals(50, harness.recorded.stream().distinct().count());
    }

    @Test
    void keepsConcurrencySendsInFlight() {
        Harness harness = new Harness();
        harness.pipeline(20).start();

        assertEquals(CONCURRENCY, harness.sends.size());
        harness.acceptOne();
        // One send ended, so the next one starts at once instead of waiting for the whole group.
        assertEquals(CONCURRENCY, harness.sends.size());
        assertEquals(CONCURRENCY, harness.maxInFlight);
    }

    @Test
    void commitsBatchesOneAtATime() {
        Harness harness = new Harness();
        harness.pipeline(20).start();

        for (int accepted = 0; accepted < 2 * CONCURRENCY; accepted++) {
            harness.acceptOne();
        }

        // The first batch is being committed, and the second one waits for it.
        assertEquals(1, harness.commits.size());
        assertEquals(1, harness.committing);
        assertEquals(List.of(CONCURRENCY), harness.batchSizes);
        harness.commitOne();
        assertEquals(1, harness.commits.size());
        assertEquals(List.of(CONCURRENCY, CONCURRENCY), harness.batchSizes);
    }

    @Test
    void boundsUnrecordedToTwiceConcurrency() {
        Harness harness = new Harness();
        harness.pipeline(100).start();

        // The first commit never ends, so accepted outcomes pile up until the bound stops new sends.
        while (!harness.sends.isEmpty()) {
            harness.acceptOne();
        }

        assertEquals(2 * CONCURRENCY, harness.sent.size());
        assertEquals(2 * CONCURRENCY, harness.maxUnrecorded);
        harness.commitOne();
        // The second batch, now being committed, still counts, so only that many sends start.
        assertEquals(CONCURRENCY, harness.sends.size());
    }

    @Test
    void failedCommitStopsNewSends() {
        Harness harness = new Harness();
        SendPipeline pipeline = harness.pipeline(100).start();
        for (int accepted = 0; accepted < CONCURRENCY; accepted++) {
            harness.acceptOne();
        }
        CompletableFuture<Void> failing = harness.commits.poll();

        failing.completeExceptionally(new IllegalStateException("connection reset"));
        while (!harness.sends.isEmpty()) {
            harness.acceptOne();
        }
        while (!harness.commits.isEmpty()) {
            harness.commitOne();
        }

        ExecutionException failure = assertThrows(ExecutionException.class,
                () -> pipeline.finished().subscribeAsCompletionStage().get());
        assertInstanceOf(IllegalStateException.class, failure.getCause());
        // The sends in flight when the commit failed, and no more, were recorded afterwards.
        assertEquals(2 * CONCURRENCY, harness.sent.size());
        assertEquals(CONCURRENCY, harness.recorded.size());
    }

    @Test
    void emptyPageFinishesAtOnce() {
        Harness harness = new Harness();
        SendPipeline pipeline = harness.pipeline(0).start();

        assertTrue(pipeline.finished().subscribeAsCompletionStage().isDone());
        assertFalse(harness.maxInFlight > 0);
    }

    @Test
    void synchronousSendsKeepStackFlat() {
        List<ClaimedSend> rows = rows(20_000);
        List<String> recorded = new ArrayList<>();
        SendPipeline pipeline = new SendPipeline(rows, CONCURRENCY,
                row -> Uni.createFrom().item(new Finished(row.idempotencyKey(), Outcome.skipped("test"))),
                (sends, outcomes) -> Uni.createFrom().voidItem()
                        .invoke(() -> outcomes.forEach(outcome -> recorded.add(outcome.idempotencyKey()))));

        pipeline.start().finished().await().atMost(Duration.ofSeconds(30));

        assertEquals(20_000, recorded.size());
    }

    @Test
    void claimsNextPageWhileRowsAreSent() {
        Harness harness = new Harness();
        List<Integer> refills = new ArrayList<>();
        SendPipeline pipeline = harness.openPipeline();
        pipeline.whenLow(2, () -> refills.add(harness.sends.size())).start();
        assertEquals(1, refills.size());

        pipeline.add(rows("a", 6), false);

        // Four rows started and two wait, which is the low-water mark, so the next page is asked for
        // while the window is still full.
        assertEquals(CONCURRENCY, harness.sends.size());
        assertEquals(List.of(0, CONCURRENCY), refills);
    }

    @Test
    void addedPagesShareOneWindow() {
        Harness harness = new Harness();
        SendPipeline pipeline = harness.openPipeline();
        pipeline.whenLow(0, () -> { }).start();

        pipeline.add(rows("a", 3), false);
        pipeline.add(rows("b", 3), false);

        assertEquals(CONCURRENCY, harness.sends.size());
        harness.acceptOne();
        assertEquals(CONCURRENCY, harness.sends.size());
        assertEquals(CONCURRENCY, harness.maxInFlight);
    }

    @Test
    void unrecordedKeysShrinkWhenCommitted() {
        Harness harness = new Harness();
        SendPipeline pipeline = harness.openPipeline();
        pipeline.whenLow(0, () -> { }).start();
        pipeline.add(rows("a", 6), false);
        assertEquals(6, pipeline.unrecordedKeys().size());

        for (int accepted = 0; accepted < CONCURRENCY; accepted++) {
            harness.acceptOne();
        }
        // Accepted but not yet committed rows are still unrecorded.
        assertEquals(6, pipeline.unrecordedKeys().size());
        harness.commitOne();

        assertEquals(2, pipeline.unrecordedKeys().size());
        assertFalse(pipeline.unrecordedKeys().contains("a-key-0"));
        assertTrue(pipeline.unrecordedKeys().contains("a-key-5"));
    }

    @Test
    void rowLeftToLeaseIsNotUnrecorded() {
        List<String> recorded = new ArrayList<>();
        SendPipeline pipeline = new SendPipeline(CONCURRENCY, row -> Uni.createFrom().nullItem(),
                (sends, outcomes) -> Uni.createFrom().voidItem()
                        .invoke(() -> outcomes.forEach(outcome -> recorded.add(outcome.idempotencyKey()))));
        pipeline.whenLow(0, () -> { }).start();

        pipeline.add(rows("a", 3), false);

        assertEquals(List.of(), pipeline.unrecordedKeys());
        assertEquals(List.of(), recorded);
    }

    @Test
    void lastPageFinishesPipeline() {
        Harness harness = new Harness();
        SendPipeline pipeline = harness.openPipeline();
        pipeline.whenLow(1, () -> { }).start();
        pipeline.add(rows("a", 5), false);
        pipeline.add(rows("b", 2), true);
        assertFalse(pipeline.finished().subscribeAsCompletionStage().isDone());

        while (!harness.sends.isEmpty() || !harness.commits.isEmpty()) {
            if (!harness.sends.isEmpty()) {
                harness.acceptOne();
            } else {
                harness.commitOne();
            }
        }

        assertTrue(pipeline.finished().subscribeAsCompletionStage().isDone());
        assertEquals(7, harness.recorded.stream().distinct().count());
    }

    @Test
    void addAfterCloseIsRejected() {
        Harness harness = new Harness();
        SendPipeline pipeline = harness.openPipeline();
        pipeline.close();

        assertThrows(IllegalStateException.class, () -> pipeline.add(rows("a", 1), false));
    }

    private static List<ClaimedSend> rows(int count) {
        return rows("row", count);
    }

    private static List<ClaimedSend> rows(String page, int count) {
        UUID campaign = UUID.randomUUID();
        List<ClaimedSend> rows = new ArrayList<>(count);
        for (int index = 0; index < count; index++) {
            rows.add(new ClaimedSend(campaign, "send", "p" + index, page + "-key-" + index, "email", "hash-" + index,
                    "<" + index + "@test>", SealedValue.plaintext("m" + index + "@example.com"),
                    SealedValue.plaintext("Member"), "UTC", "copy-1", "Test", "en",
                    "Subject", "Body", null, false));
        }
        return rows;
    }
}
