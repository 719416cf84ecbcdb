package io.channelmind.automation.journey;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;

/** Runs due journey entries, daily date triggers and recurring campaign occurrences on timers. */
@ApplicationScoped
public class JourneyScheduler {

    private static final Logger LOG = Logger.getLogger(JourneyScheduler.class);
    private final JourneyEngine engine;
    private final JourneyTriggers triggers;
    private final RecurringCampaigns recurring;
    private final int batchSize;

    public JourneyScheduler(JourneyEngine engine, JourneyTriggers triggers, RecurringCampaigns recurring, JourneyConfig config) {
        this.engine = engine;
        this.triggers = triggers;
        this.recurring = recurring;
        this.batchSize = config.batchSize();
    }

    @Scheduled(identity = "journey-due-entries", every = "${automation.journeys.poll-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void runDueEntries() {
        int ran;
        do {
            ran = engine.processDue(batchSize);
        } while (ran == batchSize);
    }

    @Scheduled(identity = "journey-date-triggers", every = "${automation.journeys.date-scan-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scanDateTriggers() {
        int entered = triggers.scanDates();
        if (entered > 0) {
            LOG.infof("Date triggers let %d profiles into journeys", entered);
        }
    }

    @Scheduled(identity = "recurring-campaigns", every = "${automation.journeys.recurring-poll-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void fireRecurringCampaigns() {
        recurring.fireDue();
    }
}
