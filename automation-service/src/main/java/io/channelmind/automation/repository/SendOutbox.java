package io.channelmind.automation.repository;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.channelmind.automation.domain.SendWindow;
import io.channelmind.automation.messaging.DeliveryEvent;
import io.channelmind.automation.messaging.EventOutbox;
import io.channelmind.web.crypto.EncryptedColumns;
import io.channelmind.web.crypto.SealedValue;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The outbox of campaign sends in the {@code send} table. A launch fills it with one row per
 * member, set-based and page by page; drainers on every instance claim due rows with
 * {@code FOR UPDATE SKIP LOCKED} under a lease and record each final state (sent, skipped or
 * failed) in the same transaction as its delivery event.
 */
@ApplicationScoped
public class SendOutbox {

    public static final String PENDING = "pending";
    public static final String SENT = "sent";
    public static final String SKIPPED = "skipped";
    public static final String FAILED = "failed";

    // One statement per page: the arrays are the page's rows. A row whose profile or address
    // already has a send in this campaign step is left out. Addresses and first names are encrypted.
    private static final String FILL = """
            insert into send (campaign_id, step, channel, run_id, copy_id, profile_key, idempotency_key, address_hash,
                status, skip_reason, message_id, due_at, address_encrypted, first_name_encrypted, time_zone,
                contact_key_id, attempts, created_at, updated_at)
            select $1, $2, $3, $4, $5, t.profile_key, t.idempotency_key, t.address_hash, t.status, t.skip_reason,
                t.message_id, t.due_at, t.address, t.first_name, t.time_zone, t.contact_key_id, 0, now(), now()
            from unnest($6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::timestamptz[],
                $13::bytea[], $14::bytea[], $15::text[], $16::int4[])
                as t(profile_key, idempotency_key, address_hash, status, skip_reason, message_id, due_at, address,
                    first_name, time_zone, contact_key_id)
            on conflict do nothing
            returning profile_key
            """;
    private static final String EXISTING = """
            select count(*) as existing from send where campaign_id = $1 and step = $2 and profile_key = any($3)
            """;
    private static final String RETRY_FAILED = """
            update send set status = 'pending', due_at = now(), error = null, claimed_until = null, updated_at = now()
            where campaign_id = $1 and status = 'failed' and (address is not null or address_encrypted is not null)
            """;
    // Rows of paused, cancelled or failed campaigns stay where they are. The lease makes the rows
    // of a claimer that stopped due again once it ends. $4 are the keys that this claimer still
    // holds in memory, which stay excluded even after their lease ended.
    private static final String CLAIM = """
            with due as (
                select s.idempotency_key from send s join campaign c on c.id = s.campaign_id
                where s.status = 'pending' and s.due_at <= now() and c.status = 'running'
                  and (s.claimed_until is null or s.claimed_until < now())
                  and s.idempotency_key <> all($4::text[])
                order by s.due_at
                limit $1
                for update of s skip locked
            )
            update send s set claimed_until = now() + make_interval(secs => $2), claimed_by = $3,
                attempts = s.attempts + 1, updated_at = now()
            from due, campaign c
            where s.idempotency_key = due.idempotency_key and c.id = s.campaign_id
            returning s.campaign_id, s.step, s.profile_key, s.idempotency_key, s.channel, s.address_hash, s.message_id,
                s.address, s.first_name, s.address_encrypted, s.first_name_encrypted, s.time_zone, s.copy_id, c.name, c.locale, c.copy_subject, c.copy_body,
                c.send_window_start, c.send_window_end, c.send_window_zone, c.requested_channel
            """;
    private static final String RESCHEDULE = """
            update send set due_at = $3, claimed_until = null, claimed_by = null, updated_at = now()
            where idempotency_key = $1 and claimed_by = $2 and status = 'pending'
            """;
    // One statement is one transaction and one round trip, for a whole group of claimed rows. So
    // each row's final state and its delivery event commit together, and the time between the
    // SMTP server's acceptance and the commit stays short. The arrays are the outcomes: $1 keys,
    // $3 statuses, $4 skip reasons, $5 errors, $6 acceptance times, and $7 to $9 the delivery
    // events, null for rows that were not sent. Returns the keys of the rows this claimer still held.
    private static final String FINISH = """
            with outcome as (
                select * from unnest($1::text[], $3::text[], $4::text[], $5::text[], $6::timestamptz[], $7::text[],
                    $8::text[], $9::text[])
                    as o(idempotency_key, status, skip_reason, error, accepted_at, event_id, event_key, payload)
            ), finished as (
                update send s set status = o.status, skip_reason = o.skip_reason, error = o.error,
                    accepted_at = o.accepted_at, claimed_until = null,
                    address = case when o.status = 'failed' then s.address end,
                    first_name = case when o.status = 'failed' then s.first_name end,
                    address_encrypted = case when o.status = 'failed' then s.address_encrypted end,
                    first_name_encrypted = case when o.status = 'failed' then s.first_name_encrypted end,
                    contact_key_id = case when o.status = 'failed' then s.contact_key_id end,
                    time_zone = case when o.status = 'failed' then s.time_zone end,
                    updated_at = now()
                from outcome o
                where s.idempotency_key = o.idempotency_key and s.claimed_by = $2 and s.status = 'pending'
                returning s.idempotency_key
            ), event as (
                insert into event_outbox (event_id, event_key, payload, created_at)
                select o.event_id, o.event_key, o.payload::jsonb, now()
                from outcome o join finished f on f.idempotency_key = o.idempotency_key
                where o.event_id is not null
                on conflict (event_id) do nothing
            )
            select idempotency_key from finished
            """;
    // A row that a drainer has claimed under a lease is left to it, so a message that is being handed
    // to the SMTP server is not recorded as cancelled. The completion sweep skips it afterwards.
    private static final String CANCEL_PENDING = """
            update send set status = 'skipped', skip_reason = $2, address = null, first_name = null, time_zone = null,
                address_encrypted = null, first_name_encrypted = null, contact_key_id = null, updated_at = now()
            where campaign_id = $1 and status = 'pending' and (claimed_until is null or claimed_until < now())
            """;
    private static final String CANCEL_LEFTOVERS = """
            update send s set status = 'skipped', skip_reason = $1, address = null, first_name = null,
                time_zone = null, address_encrypted = null, first_name_encrypted = null, contact_key_id = null,
                updated_at = now()
            from campaign c
            where c.id = s.campaign_id and c.status = 'cancelled' and s.status = 'pending'
              and (s.claimed_until is null or s.claimed_until < now())
            """;
    // A campaign completes in one statement once its outbox is filled and no row is pending.
    private static final String COMPLETE = """
            update campaign c set status = 'completed', finished_at = now(), heartbeat_at = now(),
                error = (select case when count(*) = 0 then null
                         else count(*) || ' sends failed. Launch the campaign again to retry them' end
                         from send f where f.campaign_id = c.id and f.status = 'failed')
            where c.status = 'running' and c.filled_at is not null
              and not exists (select 1 from send s where s.campaign_id = c.id and s.status = 'pending')
            returning c.id
            """;

    private final Pool pool;
    private final EventOutbox events;
    private final SendAddressColumns addresses;

    public SendOutbox(Pool pool, EventOutbox events, SendAddressColumns addresses) {
        this.pool = pool;
        this.events = events;
        this.addresses = addresses;
    }

    /**
     * One member's row for the outbox. A pending row has an address and a due time; a row that
     * was skipped while filling has a skip reason and neither.
     */
    public record NewSend(String profileKey, String idempotencyKey, String addressHash, String status,
            String skipReason, String messageId, Instant dueAt, String address, String firstName, String timeZone) {
    }

    /** The campaign-wide values of the rows of one page. */
    public record FillTarget(UUID campaignId, String step, String channel, UUID runId, String copyId) {
    }

    /**
     * Counts of one filled page: rows inserted, members that already had a row in this step
     * (from an earlier launch), and members left out because another profile has the address.
     */
    public record FillResult(int inserted, int existing, int duplicates) {
    }

    /** Inserts one page of rows with a single multi-row insert and reports what was left out. */
    public Uni<FillResult> fill(FillTarget target, List<NewSend> rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().item(new FillResult(0, 0, 0));
        }
        int size = rows.size();
        String[][] text = new String[7][size];
        Buffer[] sealedAddresses = new Buffer[size];
        Buffer[] sealedFirstNames = new Buffer[size];
        Integer[] keyIds = new Integer[size];
        OffsetDateTime[] due = new OffsetDateTime[size];
        for (int index = 0; index < size; index++) {
            NewSend row = rows.get(index);
            text[0][index] = row.profileKey();
            text[1][index] = row.idempotencyKey();
            text[2][index] = row.addressHash();
            text[3][index] = row.status();
            text[4][index] = row.skipReason();
            text[5][index] = row.messageId();
            sealedAddresses[index] = addresses.encrypt(SendAddressColumns.ADDRESS, row.address());
            sealedFirstNames[index] = addresses.encrypt(SendAddressColumns.FIRST_NAME, row.firstName());
            keyIds[index] = EncryptedColumns.keyId(sealedAddresses[index], sealedFirstNames[index]);
            text[6][index] = row.timeZone();
            due[index] = row.dueAt() == null ? null : row.dueAt().atOffset(ZoneOffset.UTC);
        }
        Tuple values = Tuple.tuple()
                .addUUID(target.campaignId()).addString(target.step()).addString(target.channel())
                .addUUID(target.runId()).addString(target.copyId())
                .addArrayOfString(text[0]).addArrayOfString(text[1]).addArrayOfString(text[2])
                .addArrayOfString(text[3]).addArrayOfString(text[4]).addArrayOfString(text[5])
                .addArrayOfOffsetDateTime(due)
                .addValue(sealedAddresses).addValue(sealedFirstNames).addArrayOfString(text[6]).addValue(keyIds);
        return pool.withConnection(connection -> connection.preparedQuery(FILL).execute(values).chain(inserted -> {
            List<String> missing = new ArrayList<>(rows.stream().map(NewSend::profileKey).toList());
            for (Row row : inserted) {
                missing.remove(row.getString("profile_key"));
            }
            if (missing.isEmpty()) {
                return Uni.createFrom().item(new FillResult(inserted.rowCount(), 0, 0));
            }
            return connection.preparedQuery(EXISTING)
                    .execute(Tuple.of(target.campaignId(), target.step(), missing.toArray(String[]::new)))
                    .map(existing -> {
                        int already = existing.iterator().next().getLong("existing").intValue();
                        return new FillResult(inserted.rowCount(), already, missing.size() - already);
                    });
        }));
    }

    /** Makes the failed sends of the campaign due again; returns how many. */
    public Uni<Integer> retryFailed(UUID campaignId) {
        return pool.preparedQuery(RETRY_FAILED).execute(Tuple.of(campaignId)).map(rows -> rows.rowCount());
    }

    /**
     * A row claimed by this instance, with what the send needs from its campaign. The address and
     * first name stay encrypted until the send reveals them for the connector.
     */
    public record ClaimedSend(UUID campaignId, String step, String profileKey, String idempotencyKey, String channel,
            String addressHash, String messageId, SealedValue address, SealedValue firstName, String timeZone,
            String copyId, String campaignName, String locale, String subject, String body, SendWindow window,
            boolean recommendedChannel) {
    }

    /**
     * Claims up to {@code limit} due rows of running campaigns for {@code lease}, earliest due
     * first, and leaves out the rows whose keys are in {@code excluded}.
     */
    public Uni<List<ClaimedSend>> claim(int limit, Duration lease, String claimer, List<String> excluded) {
        Tuple values = Tuple.tuple().addInteger(limit).addDouble((double) lease.toMillis() / 1000).addString(claimer)
                .addArrayOfString(excluded.toArray(String[]::new));
        return pool.withTransaction(connection -> connection.preparedQuery(CLAIM).execute(values)).map(rows -> {
            List<ClaimedSend> claimed = new ArrayList<>(rows.rowCount());
            for (Row row : rows) {
                claimed.add(claimedSend(row, addresses));
            }
            return claimed;
        });
    }

    private static ClaimedSend claimedSend(Row row, SendAddressColumns addresses) {
        LocalTime windowStart = row.getLocalTime("send_window_start");
        SendWindow window = windowStart == null ? null
                : new SendWindow(windowStart, row.getLocalTime("send_window_end"), row.getString("send_window_zone"));
        return new ClaimedSend(row.getUUID("campaign_id"), row.getString("step"), row.getString("profile_key"),
                row.getString("idempotency_key"), row.getString("channel"), row.getString("address_hash"),
                row.getString("message_id"), addresses.sealed(row, SendAddressColumns.ADDRESS),
                addresses.sealed(row, SendAddressColumns.FIRST_NAME),
                row.getString("time_zone"), row.getString("copy_id"), row.getString("name"), row.getString("locale"),
                row.getString("copy_subject"), row.getString("copy_body"), window,
                row.getString("requested_channel") == null);
    }

    /** Releases a claimed row and makes it due at {@code dueAt}; returns false when the claim was lost. */
    public Uni<Boolean> reschedule(String idempotencyKey, String claimer, Instant dueAt) {
        Tuple values = Tuple.of(idempotencyKey, claimer, dueAt.atOffset(ZoneOffset.UTC));
        return pool.preparedQuery(RESCHEDULE).execute(values).map(rows -> rows.rowCount() == 1);
    }

    /** Final state of a claimed row; {@code acceptedAt} and {@code event} are set only for sent rows. */
    public record Outcome(String status, String skipReason, String error, Instant acceptedAt, DeliveryEvent event) {

        public static Outcome sent(Instant acceptedAt, DeliveryEvent event) {
            return new Outcome(SENT, null, null, acceptedAt, event);
        }

        public static Outcome skipped(String reason) {
            return new Outcome(SKIPPED, reason, null, null, null);
        }

        public static Outcome failed(String error) {
            return new Outcome(FAILED, null, error, null, null);
        }
    }

    /** The final state of one claimed row. */
    public record Finished(String idempotencyKey, Outcome outcome) {
    }

    /**
     * Records the final state of a claimed row and, for a sent row, adds its delivery event to
     * the event outbox in the same transaction. Returns false, writing nothing, when the claim
     * of this instance has ended.
     */
    public Uni<Boolean> finish(String idempotencyKey, String claimer, Outcome outcome) {
        return finishAll(List.of(new Finished(idempotencyKey, outcome)), claimer)
                .map(recorded -> recorded.contains(idempotencyKey));
    }

    /**
     * Records the final states of claimed rows and the delivery events of the sent ones in one
     * statement, and so in one transaction. Rows whose claim by this instance has ended are left
     * as they are. Returns the idempotency keys of the rows that were recorded.
     */
    public Uni<Set<String>> finishAll(List<Finished> rows, String claimer) {
        if (rows.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        int size = rows.size();
        String[][] text = new String[8][size];
        OffsetDateTime[] acceptedAt = new OffsetDateTime[size];
        for (int index = 0; index < size; index++) {
            Finished row = rows.get(index);
            Outcome outcome = row.outcome();
            DeliveryEvent event = outcome.event();
            text[0][index] = row.idempotencyKey();
            text[1][index] = outcome.status();
            text[2][index] = outcome.skipReason();
            text[3][index] = outcome.error();
            acceptedAt[index] = outcome.acceptedAt() == null ? null : outcome.acceptedAt().atOffset(ZoneOffset.UTC);
            text[4][index] = event == null ? null : event.eventId();
            text[5][index] = event == null ? null : event.profileKey();
            text[6][index] = event == null ? null : events.write(event);
        }
        Tuple values = Tuple.tuple()
                .addArrayOfString(text[0]).addString(claimer).addArrayOfString(text[1]).addArrayOfString(text[2])
                .addArrayOfString(text[3]).addArrayOfOffsetDateTime(acceptedAt)
                .addArrayOfString(text[4]).addArrayOfString(text[5]).addArrayOfString(text[6]);
        return pool.preparedQuery(FINISH).execute(values).map(recorded -> {
            Set<String> keys = new HashSet<>(recorded.rowCount() * 2);
            for (Row row : recorded) {
                keys.add(row.getString("idempotency_key"));
            }
            return keys;
        });
    }

    /** Skips the campaign's pending rows that no drainer has claimed, with {@code reason}; returns how many. */
    public Uni<Integer> cancelPending(UUID campaignId, String reason) {
        return pool.preparedQuery(CANCEL_PENDING).execute(Tuple.of(campaignId, reason)).map(rows -> rows.rowCount());
    }

    /**
     * Skips the rows of cancelled campaigns that were held by a drainer at cancel time, then
     * marks completed every running campaign whose outbox is filled and has no pending row.
     * Returns the ids of the campaigns that completed.
     */
    public Uni<List<UUID>> completeFinished(String cancelledReason) {
        return pool.preparedQuery(CANCEL_LEFTOVERS).execute(Tuple.of(cancelledReason))
                .chain(() -> pool.preparedQuery(COMPLETE).execute())
                .map(rows -> {
                    List<UUID> completed = new ArrayList<>();
                    for (Row row : rows) {
                        completed.add(row.getUUID("id"));
                    }
                    return completed;
                });
    }
}
