package io.channelmind.automation.repository;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.channelmind.automation.messaging.DeliveryEvent;
import io.channelmind.automation.messaging.EventOutbox;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Records feedback on sent messages: the do-not-contact entry it causes, if any, and its
 * cm.deliveries event, both in one transaction.
 */
@ApplicationScoped
public class FeedbackRepository {

    /** Reasons not to contact an address, as stored in the do_not_contact.reason column. */
    public static final String UNSUBSCRIBED = "unsubscribed";
    public static final String HARD_BOUNCE = "hard-bounce";
    public static final String COMPLAINT = "complaint";

    // A journey send names its journey in campaign_id, as its delivery events do.
    private static final String FIND_SEND = """
            select idempotency_key, campaign_id, profile_key, channel, address_hash, copy_id from send
            where message_id = $1
            union all
            select idempotency_key, journey_id, profile_key, channel, address_hash, copy_id from journey_send
            where message_id = $1
            """;
    private static final String BLOCK = """
            insert into do_not_contact (address_hash, channel, reason, campaign_id, created_at)
            values ($1, $2, $3, $4, now())
            on conflict (address_hash, channel) do nothing
            """;

    private final Pool pool;
    private final EventOutbox outbox;

    public FeedbackRepository(Pool pool, EventOutbox outbox) {
        this.pool = pool;
        this.outbox = outbox;
    }

    /** The send that a piece of feedback is about. {@code campaignId} is the journey id for a journey send. */
    public record SendReference(String idempotencyKey, UUID campaignId, String profileKey, String channel,
            String addressHash, String copyId) {
    }

    /** Returns the campaign or journey send with the Message-ID, or a null item when there is none. */
    public Uni<SendReference> findByMessageId(String messageId) {
        return pool.preparedQuery(FIND_SEND).execute(Tuple.of(messageId)).map(FeedbackRepository::first);
    }

    /**
     * Records feedback of the status (a {@link DeliveryEvent} status) on the send. A non-null
     * {@code doNotContactReason} also blocks the send's address on its channel. Repeated
     * feedback of the same status on the same send adds no second event.
     */
    public Uni<Void> record(SendReference send, String status, String doNotContactReason) {
        DeliveryEvent event = new DeliveryEvent(DeliveryEvent.SCHEMA_VERSION, send.idempotencyKey() + "/" + status,
                send.profileKey(), send.campaignId().toString(), send.channel(), send.copyId(), status,
                Instant.now().truncatedTo(ChronoUnit.MILLIS).toString());
        return pool.withTransaction(connection -> {
            Uni<Void> blocked = doNotContactReason == null
                    ? Uni.createFrom().voidItem()
                    : connection.preparedQuery(BLOCK)
                            .execute(Tuple.of(send.addressHash(), send.channel(), doNotContactReason, send.campaignId()))
                            .replaceWithVoid();
            return blocked.chain(() -> outbox.add(connection, event));
        });
    }

    private static SendReference first(RowSet<Row> rows) {
        for (Row row : rows) {
            return new SendReference(row.getString("idempotency_key"), row.getUUID("campaign_id"),
                    row.getString("profile_key"), row.getString("channel"), row.getString("address_hash"),
                    row.getString("copy_id"));
        }
        return null;
    }
}
