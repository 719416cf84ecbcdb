package io.channelmind.automation.service;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import java.util.function.Function;

import io.channelmind.automation.repository.SendOutbox.ClaimedSend;
import io.channelmind.automation.repository.SendOutbox.Finished;
import io.smallrye.mutiny.Uni;

/**
 * Sends the allowed rows of one claimed page through a sliding window and commits their
 * outcomes in batches. Up to {@code concurrency} sends are in flight, and a new send starts as
 * soon as one ends, so one slow SMTP reply delays one row and not a whole group. Outcomes are
 * committed in batches of at least {@code concurrency} rows (smaller only at the end of the page
 * or after a failure), by one statement at a time.
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

    private final List<ClaimedSend> sends;
    private final int concurrency;
    private final Function<ClaimedSend, Uni<Finished>> send;
    private final BiFunction<List<ClaimedSend>, List<Finished>, Uni<Void>> commit;
    private final CompletableFuture<Void> finished = new CompletableFuture<>();

    // Guarded by this.
    private int next;
    private int inFlight;
    private final List<ClaimedSend> waitingSends = new ArrayList<>();
    private final List<Finished> waitingOutcomes = new ArrayList<>();
    private int committing;
    private Throwable failure;
    private boolean pumping;
    private boolean finishSignalled;

    /**
     * Creates a pipeline over {@code sends}. {@code send} returns a row's outcome, or null for a
     * row left to the lease, and must not fail. {@code commit} records outcomes in one statement.
     */
    SendPipeline(List<ClaimedSend> sends, int concurrency, Function<ClaimedSend, Uni<Finished>> send,
            BiFunction<List<ClaimedSend>, List<Finished>, Uni<Void>> commit) {
        if (concurrency < 1) {
            throw new IllegalArgumentException("Invalid concurrency " + concurrency + ": expected at least 1");
        }
        this.sends = List.copyOf(sends);
        this.concurrency = concurrency;
        this.send = send;
        this.commit = commit;
    }

    /** Starts the first sends; returns this pipeline. */
    SendPipeline start() {
        pump();
        return this;
    }

    /** Completes when every outcome is committed, and fails with the first failed commit. */
    Uni<Void> finished() {
        return Uni.createFrom().completionStage(finished);
    }

    /** The next actions, decided under the lock and run outside it. */
    private record Step(List<ClaimedSend> toSend, List<ClaimedSend> commitSends, List<Finished> commitOutcomes,
            boolean signalFinished, Throwable failure) {

        boolean isEmpty() {
            return toSend.isEmpty() && commitOutcomes == null && !signalFinished;
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
        while (failure == null && next < sends.size() && inFlight < concurrency
                && inFlight + waitingOutcomes.size() + committing < 2 * concurrency) {
            toSend.add(sends.get(next++));
            inFlight++;
        }
        boolean noMoreSends = failure != null || next == sends.size();
        List<ClaimedSend> commitSends = null;
        List<Finished> commitOutcomes = null;
        // Outcomes wait for a batch of concurrency rows, which keeps the statements per message
        // as few as with fixed groups, unless no further send will add to the batch.
        boolean batchReady = waitingOutcomes.size() >= concurrency || (noMoreSends && !waitingOutcomes.isEmpty());
        if (committing == 0 && batchReady) {
            commitSends = List.copyOf(waitingSends);
            commitOutcomes = List.copyOf(waitingOutcomes);
            waitingSends.clear();
            waitingOutcomes.clear();
            committing = commitOutcomes.size();
        }
        boolean signalFinished = noMoreSends && !finishSignalled && inFlight == 0 && committing == 0
                && waitingOutcomes.isEmpty();
        finishSignalled |= signalFinished;
        return new Step(toSend, commitSends, commitOutcomes, signalFinished, failure);
    }

    private void run(Step step) {
        for (ClaimedSend row : step.toSend()) {
            send.apply(row).subscribe().with(outcome -> sent(row, outcome), ignored -> sent(row, null));
        }
        if (step.commitOutcomes() != null) {
            commit.apply(step.commitSends(), step.commitOutcomes()).subscribe()
                    .with(ignored -> committed(null), this::committed);
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
            }
        }
        pump();
    }

    private void committed(Throwable commitFailure) {
        synchronized (this) {
            committing = 0;
            if (commitFailure != null && failure == null) {
                failure = commitFailure;
            }
        }
        pump();
    }
}
