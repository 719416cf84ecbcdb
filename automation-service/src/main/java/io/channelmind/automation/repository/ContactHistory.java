package io.channelmind.automation.repository;

import java.time.Duration;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Reads what is known about an address right before a send: its do-not-contact entry for the
 * channel and how many messages it received recently. Addresses are identified by the SHA-256
 * hash that the send table also stores.
 */
@ApplicationScoped
public class ContactHistory {

    // Windows are bound as seconds, and the campaign's own sends are left out so that a relaunch
    // counts a recipient it already reached as a duplicate, not as capped.
    private static final String LOOKUP = """
            select (select reason from do_not_contact where address_hash = $1 and channel = $2) as do_not_contact,
                   count(*) filter (where s.channel = $2 and s.accepted_at > now() - make_interval(secs => $4)) as on_channel,
                   count(*) filter (where s.accepted_at > now() - make_interval(secs => $5)) as in_total
            from send s
            where s.address_hash = $1 and s.status = 'sent' and s.campaign_id <> $3
              and s.accepted_at > now() - make_interval(secs => greatest($4, $5))
            """;

    private final Pool pool;

    public ContactHistory(Pool pool) {
        this.pool = pool;
    }

    /**
     * The state of one address: {@code doNotContactReason} is null when it may be contacted,
     * and the counts are the messages of other campaigns within each frequency-cap window.
     */
    public record Contact(String doNotContactReason, long sentOnChannel, long sentInTotal) {
    }

    public Uni<Contact> lookup(String addressHash, String channel, UUID campaignId, Duration channelWindow,
            Duration totalWindow) {
        Tuple values = Tuple.of(addressHash, channel, campaignId, (double) channelWindow.toSeconds(),
                (double) totalWindow.toSeconds());
        return pool.preparedQuery(LOOKUP).execute(values).map(rows -> {
            Row row = rows.iterator().next();
            return new Contact(row.getString("do_not_contact"), row.getLong("on_channel"), row.getLong("in_total"));
        });
    }
}
