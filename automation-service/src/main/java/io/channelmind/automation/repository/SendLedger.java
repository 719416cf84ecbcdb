package io.channelmind.automation.repository;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.channelmind.automation.messaging.DeliveryEvent;
import io.channelmind.automation.messaging.EventOutbox;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;

/**
 * The send ledger: one row per recipient and campaign step, written before the message is
 * handed to the provider. Its primary key (campaign, step, profile key) is the idempotency
 * key and a unique index on the address hash stops a second message to a shared address.
 *
 * <p>Plain SQL on the reactive client, because up to automation.send.concurrency sends claim rows at once with INSERT ... ON CONFLICT.
 */
@ApplicationScoped
public class SendLedger {

    private static final String UNIQUE_VIOLATION = "23505";

    private final Pool pool;
    private final EventOutbox outbox;

    public SendLedger(Pool pool, EventOutbox outbox) {
        this.pool = pool;
        this.outbox = outbox;
    }

    /** A send that a run wants to make; {@code addressHash} identifies the address without storing it. */
    public record Claim(UUID campaignId, String step, String profileKey, String idempotencyKey, String channel,
            String addressHash, UUID runId, String copyId, String messageId) {
    }

    /**
     * Records the send as pending before anything is sent. Returns true when this run may send:
     * the row is new, or an earlier attempt failed and this run takes it over. Returns false
     * for a duplicate: the profile already has a send in this step, or another profile already
     * has one to the same address. A row left pending by a run that stopped between claim and
     * result is also a duplicate, because that message may have gone out.
     */
    public Uni<Boolean> claim(Claim claim) {
        String insert = """
                insert into send (campaign_id, step, profile_key, idempotency_key, channel, address_hash, status,
                    attempts, run_id, copy_id, message_id, created_at, updated_at)
                values ($1, $2, $3, $4, $5, $6, 'pending', 1, $7, $8, $9, now(), now())
                on conflict do nothing
                returning idempotency_key
                """;
        Tuple values = Tuple.tuple()
                .addUUID(claim.campaignId())
                .addString(claim.step())
                .addString(claim.profileKey())
                .addString(claim.idempotencyKey())
                .addString(claim.channel())
                .addString(claim.addressHash())
                .addUUID(claim.runId())
                .addString(claim.copyId())
                .addString(claim.messageId());
        return pool.preparedQuery(insert).execute(values)
                .chain(rows -> rows.rowCount() == 1 ? Uni.createFrom().item(true) : retakeFailed(claim));
    }

    private Uni<Boolean> retakeFailed(Claim claim) {
        String update = """
                update send set status = 'pending', attempts = attempts + 1, run_id = $4, address_hash = $5,
                    channel = $6, copy_id = $7, message_id = $8, error = null, updated_at = now()
                where campaign_id = $1 and step = $2 and profile_key = $3 and status = 'failed'
                """;
        Tuple values = Tuple.of(claim.campaignId(), claim.step(), claim.profileKey(), claim.runId(),
                claim.addressHash(), claim.channel())
                .addString(claim.copyId())
                .addString(claim.messageId());
        return pool.preparedQuery(update).execute(values)
                .map(rows -> rows.rowCount() == 1)
                // The profile's address changed to one that another profile was already sent to.
                .onFailure(SendLedger::isUniqueViolation).recoverWithItem(false);
    }

    /**
     * Records that the provider accepted the message and adds its delivery event to the outbox
     * in the same transaction, so the event commits exactly when the send is recorded.
     */
    public Uni<Void> markSent(String idempotencyKey, Instant acceptedAt, DeliveryEvent event) {
        String sql = "update send set status = 'sent', accepted_at = $2, updated_at = now() where idempotency_key = $1";
        Tuple values = Tuple.of(idempotencyKey, acceptedAt.atOffset(ZoneOffset.UTC));
        return pool.withTransaction(connection -> connection.preparedQuery(sql).execute(values)
                .chain(() -> outbox.add(connection, event)));
    }

    /** Records a failed attempt; a later launch takes the send over and tries again. */
    public Uni<Void> markFailed(String idempotencyKey, String error) {
        String sql = "update send set status = 'failed', error = $2, updated_at = now() where idempotency_key = $1";
        return pool.preparedQuery(sql).execute(Tuple.of(idempotencyKey, error)).replaceWithVoid();
    }

    /** The ledger row of one recipient in one campaign step; times are null until they happen. */
    public record SendRecord(String step, String channel, String status, int attempts, String messageId,
            Instant acceptedAt, String error, Instant createdAt, Instant updatedAt) {
    }

    /** Returns the sends of the profile in the campaign, one per step, oldest first. */
    public Uni<List<SendRecord>> history(UUID campaignId, String profileKey) {
        String sql = """
                select step, channel, status, attempts, message_id, accepted_at, error, created_at, updated_at from send
                where campaign_id = $1 and profile_key = $2
                order by created_at
                """;
        return pool.preparedQuery(sql).execute(Tuple.of(campaignId, profileKey)).map(rows -> {
            List<SendRecord> records = new ArrayList<>();
            for (Row row : rows) {
                records.add(new SendRecord(row.getString("step"), row.getString("channel"), row.getString("status"),
                        row.getInteger("attempts"), row.getString("message_id"), instant(row, "accepted_at"),
                        row.getString("error"), instant(row, "created_at"), instant(row, "updated_at")));
            }
            return records;
        });
    }

    private static Instant instant(Row row, String column) {
        OffsetDateTime value = row.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
    }

    private static boolean isUniqueViolation(Throwable failure) {
        return failure instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState());
    }
}
