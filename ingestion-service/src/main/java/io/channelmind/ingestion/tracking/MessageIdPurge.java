package io.channelmind.ingestion.tracking;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.channelmind.ingestion.config.IngestionConfig;
import io.channelmind.ingestion.repository.MessageIdRepository;
import io.channelmind.ingestion.repository.StorageException;
import io.quarkus.scheduler.Scheduled;

/**
 * Deletes messageIds older than the de-duplication window. Expired rows do not block their ids
 * anyway, so a missed run only costs disk space, and replicas that purge at the same time do
 * no harm.
 */
@ApplicationScoped
public class MessageIdPurge {

    private static final Logger LOG = Logger.getLogger(MessageIdPurge.class);

    private final MessageIdRepository repository;
    private final IngestionConfig.Tracking config;

    public MessageIdPurge(MessageIdRepository repository, IngestionConfig config) {
        this.repository = repository;
        this.config = config.tracking();
    }

    @Scheduled(every = "${ingestion.tracking.dedupe-purge-interval:1h}", delay = 1, delayUnit = java.util.concurrent.TimeUnit.MINUTES,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purgeExpired() {
        try {
            int deleted = purge();
            LOG.debugf("Purged %d expired messageIds", deleted);
        } catch (StorageException e) {
            LOG.warnf(e, "Purging expired messageIds failed; the next run retries");
        }
    }

    /** Deletes the expired messageIds now and returns how many it deleted. */
    public int purge() {
        return repository.purgeBefore(Instant.now().minus(config.dedupeWindow()));
    }
}
