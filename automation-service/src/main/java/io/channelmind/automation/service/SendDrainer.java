package io.channelmind.automation.service;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.channelmind.automation.config.AutomationConfig;
import io.channelmind.automation.repository.SendOutbox;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;

/**
 * Drains the send outbox on every instance from start to shutdown, so an instance that starts
 * after a crash resumes the sends it had claimed once their lease ends. A round claims batches
 * of due rows, each while the one before is still sent, and sends them with
 * automation.send.concurrency in flight. After each claim it marks completed the campaigns that
 * have no pending row left. A round ends with a batch that is not full, and the drainer then
 * waits automation.send.poll-interval before the next one.
 */
@ApplicationScoped
public class SendDrainer {

    private static final Logger LOG = Logger.getLogger(SendDrainer.class);

    private final SendOutbox outbox;
    private final RecipientProcessor recipients;
    private final AutomationConfig config;
    // Identifies this process's claims; a restarted process has a new one and waits for the old leases.
    private final String claimer = UUID.randomUUID().toString();
    private final int claimSize;
    private volatile Cancellable draining;
    private volatile boolean failing;

    public SendDrainer(SendOutbox outbox, RecipientProcessor recipients, AutomationConfig config) {
        this.outbox = outbox;
        this.recipients = recipients;
        this.config = config;
        this.claimSize = claimSize(config.send().batchSize(), config.send().concurrency(), config.send().lease(),
                config.mail().rateLimit().perSecond(), config.mail().rateLimit().burst());
    }

    /**
     * Returns the number of rows that one round claims: {@code batchSize}, but with a rate limit of
     * {@code perSecond}, no more than the token bucket lets out in half the lease (and at least
     * {@code concurrency}). So a claimed page is sent before its lease ends even at the rate limit.
     */
    static int claimSize(int batchSize, int concurrency, Duration lease, Optional<Double> perSecond, double burst) {
        if (perSecond.isEmpty()) {
            return batchSize;
        }
        double halfLeaseSeconds = lease.toMillis() / 2000.0;
        long withinHalfLease = (long) (burst + perSecond.get() * halfLeaseSeconds);
        return (int) Math.max(concurrency, Math.min(batchSize, withinHalfLease));
    }

    void start(@Observes StartupEvent event) {
        LOG.infof("Draining the send outbox as claimer %s: batches of %d, %d in flight, lease %s",
                claimer, claimSize, config.send().concurrency(), config.send().lease());
        draining = Multi.createBy().repeating().uni(() -> round()
                        .onFailure().recoverWithItem(this::logFailure)
                        .chain(claimed -> claimed < claimSize
                                ? Uni.createFrom().voidItem().onItem().delayIt().by(config.send().pollInterval())
                                        .replaceWith(claimed)
                                : Uni.createFrom().item(claimed)))
                .indefinitely()
                .subscribe().with(ignored -> { }, failure -> LOG.error("The send drainer stopped", failure));
    }

    void stop(@Observes ShutdownEvent event) {
        if (draining != null) {
            draining.cancel();
        }
    }

    /**
     * Claims and sends pages of due rows until a claim returns fewer rows than a full page, and
     * completes finished campaigns after each claim and at the end. Returns the number of rows
     * that the last claim returned.
     *
     * <p>The next page is claimed while the rows of the current one are still sent, once at most
     * {@link #lowWater(int, int)} of them wait to start, so the sends never wait for the claim and the
     * send-time rules. The claim leaves out every row of this round that is not yet recorded:
     * such a row may have outlived its lease while it waited or was in flight, and claiming it
     * again would send it twice.
     */
    public Uni<Integer> round() {
        SendPipeline pipeline = recipients.pipeline(claimer);
        AtomicInteger lastClaim = new AtomicInteger();
        AtomicReference<Throwable> claimFailure = new AtomicReference<>();
        pipeline.whenLow(lowWater(claimSize, config.send().concurrency()),
                () -> claimNextPage(pipeline, lastClaim, claimFailure)).start();

        return pipeline.finished()
                .onFailure().recoverWithItem(failure -> {
                    // The rows that were not recorded keep their claim, so they are due again when the lease ends.
                    LOG.warnf("Recording the outcomes of claimed sends failed, so those not yet recorded are retried"
                            + " after the lease: %s", failure.getMessage());
                    return null;
                })
                .call(this::completeFinished)
                .chain(() -> claimFailure.get() == null
                        ? Uni.createFrom().item(lastClaim.get())
                        : Uni.createFrom().failure(claimFailure.get()))
                .invoke(this::recovered);
    }

    /**
     * Returns how many added rows may still wait to start when the next page is claimed: a
     * quarter of a page, and at least one row per send in flight.
     */
    static int lowWater(int claimSize, int concurrency) {
        return Math.max(concurrency, claimSize / 4);
    }

    private void claimNextPage(SendPipeline pipeline, AtomicInteger lastClaim, AtomicReference<Throwable> failure) {
        outbox.claim(claimSize, config.send().lease(), claimer, pipeline.unrecordedKeys())
                .call(claimed -> {
                    lastClaim.set(claimed.size());
                    boolean last = claimed.size() < claimSize;
                    if (claimed.isEmpty()) {
                        pipeline.close();
                        return Uni.createFrom().voidItem();
                    }
                    return recipients.prepare(claimed, claimer).invoke(allowed -> pipeline.add(allowed, last));
                })
                .call(this::completeFinished)
                .subscribe().with(ignored -> { }, claimFailed -> {
                    // Claimed rows that were not added keep their claim, so they are due again when the lease ends.
                    failure.compareAndSet(null, claimFailed);
                    pipeline.close();
                });
    }

    /** Marks completed the campaigns without pending rows; a failure is logged and left to the next call. */
    private Uni<Void> completeFinished() {
        return outbox.completeFinished(CampaignRunner.CANCELLED).invoke(this::logCompleted)
                .onFailure().recoverWithItem(failure -> {
                    LOG.debugf("Completing finished campaigns failed; the next round tries again: %s", failure.getMessage());
                    return List.of();
                })
                .replaceWithVoid();
    }

    private void logCompleted(List<UUID> completed) {
        for (UUID id : completed) {
            LOG.infof("Campaign %s completed: no recipient is pending", id);
        }
    }

    private void recovered(int claimed) {
        if (failing) {
            failing = false;
            LOG.infof("Draining the send outbox works again; claimed %d", claimed);
        }
    }

    private int logFailure(Throwable failure) {
        if (!failing) {
            failing = true;
            LOG.warnf("Draining the send outbox failed; retrying every %s: %s", config.send().pollInterval(),
                    failure.getMessage());
        } else {
            LOG.debugf("Draining the send outbox failed again: %s", failure.getMessage());
        }
        return 0;
    }
}
