package io.channelmind.automation.service;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

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
 * after a crash resumes the sends it had claimed once their lease ends. Each round claims a
 * batch of due rows, processes them with automation.send.concurrency in flight, and then marks
 * completed the campaigns that have no pending row left. A full batch starts the next round at
 * once; otherwise the drainer waits automation.send.poll-interval.
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

    /** Claims and processes one batch, then completes finished campaigns; returns the number of rows claimed. */
    public Uni<Integer> round() {
        return outbox.claim(claimSize, config.send().lease(), claimer)
                .chain(claimed -> process(claimed).replaceWith(claimed.size()))
                .call(() -> outbox.completeFinished(CampaignRunner.CANCELLED).invoke(this::logCompleted))
                .invoke(this::recovered);
    }

    private Uni<Void> process(List<SendOutbox.ClaimedSend> claimed) {
        if (claimed.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return recipients.process(claimed, claimer).onFailure().recoverWithItem(failure -> {
            // The rows that were not recorded keep their claim, so they are due again when the lease ends.
            LOG.warnf("Processing %d claimed send(s) failed, so those not yet recorded are retried after the lease: %s",
                    claimed.size(), failure.getMessage());
            return null;
        });
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
