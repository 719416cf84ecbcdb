package io.channelmind.automation.repository;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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

    // The only query that decides whether an address may get a message on a channel. It takes a
    // whole claimed page as arrays ($1 address hashes, $2 channels, $3 campaign ids) and returns
    // one row per element, in the same order. Windows are bound as seconds ($4 channel, $5 total),
    // and the campaign's own sends are left out so that a relaunch counts a recipient it already
    // reached as a duplicate, not as capped.
    private static final String LOOKUP = """
            select t.ordinal, d.reason as do_not_contact, h.on_channel, h.in_total
            from unnest($1::text[], $2::text[], $3::uuid[]) with ordinality as t(address_hash, channel, campaign_id, ordinal)
            left join do_not_contact d on d.address_hash = t.address_hash and d.channel = t.channel
            cross join lateral (
                select count(*) filter (where s.channel = t.channel
                                          and s.accepted_at > now() - make_interval(secs => $4)) as on_channel,
                       count(*) filter (where s.accepted_at > now() - make_interval(secs => $5)) as in_total
                from send s
                where s.address_hash = t.address_hash and s.status = 'sent' and s.campaign_id <> t.campaign_id
                  and s.accepted_at > now() - make_interval(secs => greatest($4, $5))
            ) h
            order by t.ordinal
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

    /** One address about to get a message of a campaign on a channel. */
    public record Recipient(String addressHash, String channel, UUID campaignId) {
    }

    /** Looks up one address with {@link #lookupAll}. */
    public Uni<Contact> lookup(String addressHash, String channel, UUID campaignId, Duration channelWindow,
            Duration totalWindow) {
        return lookupAll(List.of(new Recipient(addressHash, channel, campaignId)), channelWindow, totalWindow)
                .map(contacts -> contacts.get(0));
    }

    /**
     * Looks up every recipient with one query and returns their states in the order of
     * {@code recipients}.
     */
    public Uni<List<Contact>> lookupAll(List<Recipient> recipients, Duration channelWindow, Duration totalWindow) {
        if (recipients.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        int size = recipients.size();
        String[] hashes = new String[size];
        String[] channels = new String[size];
        UUID[] campaigns = new UUID[size];
        for (int index = 0; index < size; index++) {
            Recipient recipient = recipients.get(index);
            hashes[index] = recipient.addressHash();
            channels[index] = recipient.channel();
            campaigns[index] = recipient.campaignId();
        }
        Tuple values = Tuple.tuple().addArrayOfString(hashes).addArrayOfString(channels).addArrayOfUUID(campaigns)
                .addDouble((double) channelWindow.toSeconds()).addDouble((double) totalWindow.toSeconds());
        return pool.preparedQuery(LOOKUP).execute(values).map(rows -> {
            List<Contact> contacts = new ArrayList<>(size);
            for (Row row : rows) {
                contacts.add(new Contact(row.getString("do_not_contact"), row.getLong("on_channel"),
                        row.getLong("in_total")));
            }
            return contacts;
        });
    }
}
