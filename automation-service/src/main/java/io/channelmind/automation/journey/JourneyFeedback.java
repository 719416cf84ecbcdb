package io.channelmind.automation.journey;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import io.channelmind.automation.connector.DeliveryResult;
import io.channelmind.automation.connector.SendKey;
import io.channelmind.automation.messaging.DeliveryEvent;
import io.channelmind.automation.messaging.EventOutbox;
import io.channelmind.automation.repository.FeedbackRepository;

/**
 * Writes the cm.deliveries events of journey sends, as campaign sends have them: {@code delivered}
 * when the provider accepted the message, and {@code bounced} when it rejected the recipient's
 * address, which also puts the address on the channel's do-not-contact list. In journey events
 * {@code campaignId} is the journey id, and {@code copyId} is the content-service variant sent,
 * or null for text written on the step.
 */
final class JourneyFeedback {

    private static final String BLOCK = """
            insert into do_not_contact (address_hash, channel, reason, campaign_id, created_at)
            values (?, ?, ?, ?, now())
            on conflict (address_hash, channel) do nothing
            """;

    private final EventOutbox events;

    JourneyFeedback(EventOutbox events) {
        this.events = events;
    }

    /**
     * Writes the feedback of the send's result on the connection of the transaction that stores the
     * send's final state. {@code addressHash} is null for channels without a personal address,
     * which cannot bounce.
     */
    void record(Connection connection, SendKey key, JourneyEngine.Entry entry, String channel, String copyId,
            String addressHash, DeliveryResult result) throws SQLException {
        if (result instanceof DeliveryResult.Sent) {
            events.add(connection, event(key.value(), entry, channel, copyId, DeliveryEvent.STATUS_DELIVERED));
            return;
        }
        if (result instanceof DeliveryResult.PermanentFailure failure && failure.addressRejected() && addressHash != null) {
            try (PreparedStatement block = connection.prepareStatement(BLOCK)) {
                block.setString(1, addressHash);
                block.setString(2, channel);
                block.setString(3, FeedbackRepository.HARD_BOUNCE);
                block.setObject(4, entry.journeyId());
                block.executeUpdate();
            }
            events.add(connection, event(key.value() + "/" + DeliveryEvent.STATUS_BOUNCED, entry, channel, copyId,
                    DeliveryEvent.STATUS_BOUNCED));
        }
    }

    private static DeliveryEvent event(String eventId, JourneyEngine.Entry entry, String channel, String copyId,
            String status) {
        return new DeliveryEvent(DeliveryEvent.SCHEMA_VERSION, eventId, entry.profileKey(), entry.journeyId().toString(),
                channel, copyId, status, Instant.now().truncatedTo(ChronoUnit.MILLIS).toString());
    }
}
