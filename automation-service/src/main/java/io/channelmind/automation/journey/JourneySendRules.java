package io.channelmind.automation.journey;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.channelmind.automation.config.AutomationConfig;
import io.channelmind.automation.consent.ConsentRules;
import io.channelmind.automation.consent.ConsentStates;
import io.channelmind.automation.consent.ProfileMerges;
import io.channelmind.automation.repository.ContactHistory.Contact;
import io.channelmind.automation.service.QuietHours;
import io.channelmind.automation.service.SendTimeRules;

/**
 * The send-time rules of campaigns applied to journey sends: the do-not-contact list of the
 * channel, the frequency caps of automation.frequency-cap, the quiet hours of
 * automation.quiet-hours in the profile's time zone, and the consent changes of profile-service.
 * The skip decisions are {@link SendTimeRules#skipReason} and {@link ConsentRules#skipReason}, so
 * both kinds of send skip for the same reasons.
 *
 * <p>Caps count the profile's sent messages of campaigns and journeys together, by profile key
 * and the keys merged into the profile ({@link ProfileMerges}), so a journey SMS and a campaign
 * e-mail to one profile both count towards the cap across channels. NOTE: campaigns count by address hash and only campaign sends, so a journey send does
 * not yet count towards a later campaign's cap.
 */
@ApplicationScoped
public class JourneySendRules {

    // Windows are bound as seconds and compared with the database clock, like the campaign caps.
    // The counts take every key of the person, so sends to a profile merged into this one count.
    private static final String LOOKUP = ProfileMerges.PERSON_KEYS.formatted("?") + """
            select (select reason from do_not_contact where address_hash = ? and channel = ?) as do_not_contact,
                   (select count(*) from send where profile_key in (select key from person) and channel = ?
                        and status = 'sent' and accepted_at > now() - make_interval(secs => ?))
                 + (select count(*) from journey_send where profile_key in (select key from person) and channel = ?
                        and status = 'sent' and updated_at > now() - make_interval(secs => ?)) as on_channel,
                   (select count(*) from send where profile_key in (select key from person) and status = 'sent'
                        and accepted_at > now() - make_interval(secs => ?))
                 + (select count(*) from journey_send where profile_key in (select key from person)
                        and status = 'sent' and updated_at > now() - make_interval(secs => ?)) as in_total
            """;

    private final QuietHours quietHours;
    private final AutomationConfig.FrequencyCap cap;

    @Inject
    public JourneySendRules(AutomationConfig config) {
        this(new QuietHours(config.quietHours().start(), config.quietHours().end()), config.frequencyCap());
    }

    JourneySendRules(QuietHours quietHours, AutomationConfig.FrequencyCap cap) {
        this.quietHours = quietHours;
        this.cap = cap;
    }

    /** Returns rules with no quiet hours and no caps, which check only the do-not-contact list. */
    static JourneySendRules doNotContactOnly() {
        return new JourneySendRules(new QuietHours(LocalTime.MIDNIGHT, LocalTime.MIDNIGHT),
                caps(0, Duration.ofDays(7), 0, Duration.ofDays(7)));
    }

    /** Returns a frequency cap; a maximum of 0 turns that cap off. */
    static AutomationConfig.FrequencyCap caps(int channelMax, Duration channelWindow, int totalMax, Duration totalWindow) {
        return new AutomationConfig.FrequencyCap() {
            @Override
            public int channelMax() {
                return channelMax;
            }

            @Override
            public Duration channelWindow() {
                return channelWindow;
            }

            @Override
            public int totalMax() {
                return totalMax;
            }

            @Override
            public Duration totalWindow() {
                return totalWindow;
            }
        };
    }

    /** Returns {@code now} outside quiet hours, else the first minute after them in {@code zone}. */
    Instant allowedAt(Instant now, ZoneId zone) {
        return quietHours.nextAllowed(now, zone);
    }

    /**
     * Returns the reason to skip a send to the profile on the channel, or null when it may be sent.
     * {@code addressHash} is null for channels without a personal address, which have no entry on
     * the local do-not-contact list. After the local rules, the consent changes of profile-service
     * are checked for {@code purpose} ({@link ConsentRules}).
     */
    String skipReason(Connection connection, String profileKey, String channel, String addressHash, String purpose)
            throws SQLException {
        String local = localSkipReason(connection, profileKey, channel, addressHash);
        if (local != null) {
            return local;
        }
        return ConsentRules.skipReason(
                ConsentStates.lookup(connection, profileKey, ConsentRules.Channels.of(channel), purpose), purpose);
    }

    private String localSkipReason(Connection connection, String profileKey, String channel, String addressHash)
            throws SQLException {
        double channelSeconds = cap.channelWindow().toSeconds();
        double totalSeconds = cap.totalWindow().toSeconds();
        try (PreparedStatement select = connection.prepareStatement(LOOKUP)) {
            select.setString(1, profileKey);
            select.setString(2, profileKey);
            select.setString(3, addressHash);
            select.setString(4, channel);
            select.setString(5, channel);
            select.setDouble(6, channelSeconds);
            select.setString(7, channel);
            select.setDouble(8, channelSeconds);
            select.setDouble(9, totalSeconds);
            select.setDouble(10, totalSeconds);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                Contact contact = new Contact(row.getString("do_not_contact"), row.getLong("on_channel"),
                        row.getLong("in_total"));
                return SendTimeRules.skipReason(contact, cap);
            }
        }
    }
}
