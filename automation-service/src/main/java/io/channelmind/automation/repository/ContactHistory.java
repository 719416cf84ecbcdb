package io.channelmind.automation.repository;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.channelmind.automation.consent.ConsentRules;
import io.channelmind.automation.consent.ConsentStates;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Reads what is known about a recipient right before a send: the address's do-not-contact entry
 * for the channel, how many messages it received recently, and the profile's latest consent
 * changes from profile-service. Addresses are identified by the SHA-256 hash that the send table
 * also stores.
 */
@ApplicationScoped
public class ContactHistory {

    // The only query that decides whether a campaign send may go out. It takes a whole claimed page
    // as arrays ($1 address hashes, $2 channels, $3 campaign ids, $4 profile keys, and $5 and $6 the
    // two channels of ConsentRules.Channels) and returns one row per element, in the same order.
    // Windows are bound as seconds ($7 channel, $8 total), and the campaign's own sends are left
    // out so that a relaunch counts a recipient it already reached as a duplicate, not as capped.
    // The consent columns read the rows of cm.consent-changes as ConsentStates.LOOKUP does for one
    // send ($9 the purpose): the newest mark or clear among '*' and the channels, a mark winning at
    // equal times, and the strictest purpose state. Keep the two in step.
    private static final String LOOKUP = """
            select t.ordinal, d.reason as do_not_contact, h.on_channel, h.in_total, m.reason as consent_mark,
                   p.state as consent_state
            from unnest($1::text[], $2::text[], $3::uuid[], $4::text[], $5::text[], $6::text[]) with ordinality
                as t(address_hash, channel, campaign_id, profile_key, consent_channel, also_checked, ordinal)
            left join do_not_contact d on d.address_hash = t.address_hash and d.channel = t.channel
            cross join lateral (
                select count(*) filter (where s.channel = t.channel
                                          and s.accepted_at > now() - make_interval(secs => $7)) as on_channel,
                       count(*) filter (where s.accepted_at > now() - make_interval(secs => $8)) as in_total
                from send s
                where s.address_hash = t.address_hash and s.status = 'sent' and s.campaign_id <> t.campaign_id
                  and s.accepted_at > now() - make_interval(secs => greatest($7, $8))
            ) h
            left join lateral (
                select cm.reason from consent_mark cm
                where cm.profile_key = t.profile_key and cm.channel in ('*', t.consent_channel, t.also_checked)
                order by cm.changed_at desc, cm.reason is null limit 1
            ) m on true
            left join lateral (
                select cp.state from consent_purpose cp
                where cp.profile_key = t.profile_key and cp.channel in (t.consent_channel, t.also_checked)
                  and cp.purpose = $9
                order by case cp.state when 'withdrawn' then 0 when 'pending' then 1 else 2 end limit 1
            ) p on true
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

    /** One profile's address about to get a message of a campaign on a channel. */
    public record Recipient(String profileKey, String addressHash, String channel, UUID campaignId) {
    }

    /** The state of one recipient at send time: the address's history and the profile's consent. */
    public record RecipientState(Contact contact, ConsentStates.State consent) {
    }

    /**
     * Looks up every recipient with one query and returns their states in the order of
     * {@code recipients}. The consent is the one for {@code purpose}.
     */
    public Uni<List<RecipientState>> lookupAll(List<Recipient> recipients, Duration channelWindow,
            Duration totalWindow, String purpose) {
        if (recipients.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        int size = recipients.size();
        String[] hashes = new String[size];
        String[] channels = new String[size];
        UUID[] campaigns = new UUID[size];
        String[] profiles = new String[size];
        String[] consentChannels = new String[size];
        String[] alsoChecked = new String[size];
        for (int index = 0; index < size; index++) {
            Recipient recipient = recipients.get(index);
            hashes[index] = recipient.addressHash();
            channels[index] = recipient.channel();
            campaigns[index] = recipient.campaignId();
            profiles[index] = recipient.profileKey();
            ConsentRules.Channels consentOn = ConsentRules.Channels.of(recipient.channel());
            consentChannels[index] = consentOn.channel();
            alsoChecked[index] = consentOn.alsoChecked();
        }
        Tuple values = Tuple.tuple().addArrayOfString(hashes).addArrayOfString(channels).addArrayOfUUID(campaigns)
                .addArrayOfString(profiles).addArrayOfString(consentChannels).addArrayOfString(alsoChecked)
                .addDouble((double) channelWindow.toSeconds()).addDouble((double) totalWindow.toSeconds())
                .addString(purpose);
        return pool.preparedQuery(LOOKUP).execute(values).map(rows -> {
            List<RecipientState> states = new ArrayList<>(size);
            for (Row row : rows) {
                Contact contact = new Contact(row.getString("do_not_contact"), row.getLong("on_channel"),
                        row.getLong("in_total"));
                states.add(new RecipientState(contact,
                        new ConsentStates.State(row.getString("consent_mark"), row.getString("consent_state"))));
            }
            return states;
        });
    }
}
