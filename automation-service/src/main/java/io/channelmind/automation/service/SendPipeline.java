package io.channelmind.automation.service;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import java.util.function.Function;

import io.channelmind.automation.repository.SendOutbox.ClaimedSend;
import io.channelmind.automation.repository.SendOutbox.Finished;
import io.smallrye.mutiny.Uni;

/**
 * Sends claimed rows through a sliding window and commits their outcomes in batches. Rows
 * arrive page by page through {@link #add(List)} until {@link #close()}, so the next page can be
 * claimed while this one is sent. Up to {@code concurrency} sends are in flight, and a new send
 * starts as soon as one ends, so one slow SMTP reply delays one row and not a whole group.
 * Outcomes are committed in batches of at least {@code concurrency} rows (smaller only when no
 * row is queued, after {@link #close()} or after a failure), by one statement at a time.
 *
 * <p>A send starts only while fewer than {@code 2 * concurrency} rows are in flight, waiting for
 * a commit or being committed. So at most that many messages can be accepted by the SMTP server
 * and not yet recorded, and a crash sends at most that many again after the lease.
 *
 * <p>When a commit fails, no further send starts. The sends in flight end, their outcomes are
 * committed, and then {@link #finished()} fails with the first failure. The rows that were not
 * recorded keep their claim, so they are due again when the lease ends.
 */
final class SendPipeline {

    private final int concurrency;
    private final Function<ClaimedSend, Uni<Finished>> send;
    private final BiFunction<List<ClaimedSend>, List<Finished>, Uni<Void>> commit;
    private final CompletableFuture<Void> finished = new CompletableFuture<>();

    // Guarded by this.
    private final Deque<ClaimedSend> queued = new ArrayDeque<>();
    // Keys of the rows added and not yet recorded or left to the lease.
    private final Set<String> open = new HashSet<>();
    private boolean closed;
    private int lowWater = -1;
    private Runnable refill;
    private boolean refillRequested;
    private int inFlight;
    private final List<ClaimedSend> waitingSends = new ArrayList<>();
    private final List<Finished> waitingOutcomes = new ArrayList<>();
    private List<Finished> committingOutcomes = List.of();
    private Throwable failure;
    private boolean pumping;
    private boolean finishSignalled;

    /**
     * Creates an open pipeline without rows. {@code send} returns a row's outcome, or null for a
     * row left to the lease, and must not fail. {@code commit} records outcomes in one statement.
     */
    SendPipeline(int concurrency, Function<ClaimedSend, Uni<Finished>> send,
            BiFunction<List<ClaimedSend>, List<Finished>, Uni<Void>> commit) {
        if (concurrency < 1) {
            throw new IllegalArgumentException("Invalid concurrency " + concurrency + ": expected at least 1");
        }
        this.concurrency = concurrency;
        this.send = send;
        this.commit = commit;
    }

    /** Creates a closed pipeline over the rows of one page. */
    SendPipeline(List<ClaimedSend> sends, int concurrency, Function<ClaimedSend, Uni<Finished>> send,
            BiFunction<List<ClaimedSend>, List<Finished>, Uni<Void>> commit) {
        this(concurrency, send, commit);
        queued.addAll(sends);
        sends.forEach(row -> open.add(row.idempotencyKey()));
        closed = true;
    }

    /**
     * Calls {@code refill} once, outside any lock, when at most {@code lowWater} added rows wait
     * to start and the pipeline is open, and again after each {@link #add(List)}. The callback
     * should add the next page or close the pipeline.
     */
    SendPipeline whenLow(int lowWater, Runnable refill) {
        synchronized (this) {
            this.lowWater = lowWater;
            this.refill = refill;
        }
        return this;
    }

    /** Starts the first sends; returns this pipeline. */
    SendPipeline start() {
        pump();
        return this;
    }

    /**
     * Queues the rows of another claimed page behind the rows already added, and closes the
     * pipeline when {@code last} is true. After a failed commit the rows are not sent, and they
     * keep their claim until the lease ends.
     */
    void add(List<ClaimedSend> rows, boolean last) {
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("Invalid add of " + rows.size() + " row(s): the pipeline is closed");
            }
            queued.addAll(rows);
            rows.forEach(row -> open.add(row.idempotencyKey()));
            refillRequested = false;
            closed = last;
        }
        pump();
    }

    /** Closes the pipeline, so {@link #finished()} completes once the rows added so far are recorded. */
    void close() {
        synchronized (this) {
            closed = true;
        }
        pump();
    }

    /**
     * Returns the keys of the rows added and neither recorded nor left to the lease, so a claim
     * of this instance can leave them out even after their lease ended.
     */
    synchronized List<String> unrecordedKeys() {
        return List.copyOf(open);
    }

    /** Completes when every outcome is committed, and fails with the first failed commit. */
    Uni<Void> finished() {
        return Uni.createFrom().completionStage(finished);
    }

    /** The next actions, decided under the lock and run outside it. */
    private record Step(List<ClaimedSend> toSend, List<ClaimedSend> commitSends, List<Finished> commitOutcomes,
            Runnable refill, boolean signalFinished, Throwable failure) {

        boolean isEmpty() {
            return toSend.isEmpty() && commitOutcomes == null && refill == null && !signalFinished;
        }
    }

    /**
     * Runs steps until none is left. A callback that changes the state while another thread runs
     * this loop only calls it again, and that thread picks up the change in its next step. The loop
     * also keeps the stack flat when sends or commits complete synchronously.
     */
    private void pump() {
        synchronized (this) {
            if (pumping) {
                return;
            }
            pumping = true;
        }
        while (true) {
            Step step;
            synchronized (this) {
                step = nextStep();
                if (step.isEmpty()) {
                    pumping = false;
                    return;
                }
            }
            run(step);
        }
    }

    private Step nextStep() {
        List<ClaimedSend> toSend = new ArrayList<>();
        while (failure == null && !queued.isEmpty() && inFlight < concurrency
                && inFlight + waitingOutcomes.size() + committingOutcomes.size() < 2 * concurrency) {
            toSend.add(queued.poll());
            inFlight++;
        }
        boolean noMoreSends = failure != null || (closed && queued.isEmpty());
        List<ClaimedSend> commitSends = null;
        List<Finished> commitOutcomes = null;
        // Outcomes wait for a batch of concurrency rows, which keeps the statements per message
        // as few as with fixed groups, unless no further send will add to the batch.
        boolean batchReady = waitingOutcomes.size() >= concurrency || (noMoreSends && !waitingOutcomes.isEmpty());
        if (committingOutcomes.isEmpty() && batchReady) {
            commitSends = List.copyOf(waitingSends);
            commitOutcomes = List.copyOf(waitingOutcomes);
            waitingSends.clear();
            waitingOutcomes.clear();
            committingOutcomes = commitOutcomes;
        }
        Runnable refillNow = null;
        if (!closed && failure == null && refill != null && !refillRequested && queued.size() <= lowWater) {
            refillRequested = true;
            refillNow = refill;
        }
        boolean signalFinished = noMoreSends && !finishSignalled && inFlight == 0 && committingOutcomes.isEmpty()
                && waitingOutcomes.isEmpty();
        finishSignalled |= signalFinished;
        return new Step(toSend, commitSends, commitOutcomes, refillNow, signalFinished, failure);
    }

    private void run(Step step) {
        for (ClaimedSend row : step.toSend()) {
            send.apply(row).subscribe().with(outcome -> sent(row, outcome), ignored -> sent(row, null));
        }
        if (step.commitOutcomes() != null) {
            commit.apply(step.commitSends(), step.commitOutcomes()).subscribe()
                    .with(ignored -> committed(null), this::committed);
        }
        if (step.refill() != null) {
            step.refill().run();
        }
        if (step.signalFinished()) {
            if (step.failure() == null) {
                finished.complete(null);
            } else {
                finished.completeExceptionally(step.failure());
            }
        }
    }

    private void sent(ClaimedSend row, Finished outcome) {
        synchronized (this) {
            inFlight--;
            if (outcome != null) {
                waitingSends.add(row);
                waitingOutcomes.add(outcome);
            } else {
                open.remove(row.idempotencyKey());
            }
        }
        pump();
    }

    private void committed(Throwable commitFailure) {
        synchronized (this) {
            // A failed commit leaves its rows claimed, and no later claim of this pipeline follows.
            committingOutcomes.forEach(outcome -> open.remove(outcome.idempotencyKey()));
            committingOutcomes = List.of();
            if (commitFailure != null && failure == null) {
                failure = commitFailure;
            }
        }
        pump();
    }
}
