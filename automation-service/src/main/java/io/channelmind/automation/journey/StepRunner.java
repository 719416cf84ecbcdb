package io.channelmind.automation.journey;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.random.RandomGenerator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.jboss.logging.Logger;

import io.channelmind.automation.connector.DeliveryResult;
import io.channelmind.automation.connector.OutgoingMessage;
import io.channelmind.automation.connector.SendKey;
import io.channelmind.automation.journey.JourneyDefinition.Step;
import io.channelmind.automation.journey.JourneyHistory.StepEvent;
import io.channelmind.automation.messaging.EventOutbox;
import io.channelmind.automation.service.RecipientRules;
import io.channelmind.automation.service.SendKeys;
import io.channelmind.web.crypto.SealedValue;
import io.channelmind.web.sms.SmsLength;

/**
 * Runs one step of one entry, counts its outcome in {@code journey_step_count} and records it in the
 * entry's history ({@link JourneyHistory}).
 */
final class StepRunner {

    private static final Logger LOG = Logger.getLogger(StepRunner.class);
    /** Exit reason of an entry that reached an exit step. */
    static final String EXIT_STEP = "exit step";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z0-9_.-]+)\\s*}}");

    private final DataSource dataSource;
    private final ProfileFacts facts;
    private final JourneySender sender;
    private final JourneyMessages messages;
    private final JourneySendRules rules;
    private final JourneyFeedback feedback;
    private final RandomGenerator random;

    StepRunner(DataSource dataSource, ProfileFacts facts, JourneySender sender, JourneyMessages messages,
            JourneySendRules rules, EventOutbox events, RandomGenerator random) {
        this.dataSource = dataSource;
        this.facts = facts;
        this.sender = sender;
        this.messages = messages;
        this.rules = rules;
        this.feedback = new JourneyFeedback(events);
        this.random = random;
    }

    /**
     * Result of a step: the next step id (null ends the journey), a wait until an instant, a
     * send deferred until the end of quiet hours, or an exit.
     */
    record Outcome(String next, Instant waitUntil, Instant deferUntil, boolean exit) {

        static Outcome to(String next) {
            return new Outcome(next, null, null, false);
        }
    }

    /**
     * Runs a step. {@code purpose} is the journey's, whose consent a send needs. {@code waitOver}
     * is true when the entry comes back from this wait step, and {@code deferralOver} when it
     * comes back to this send step after quiet hours, which counts no second {@code entered}.
     */
    Outcome run(Connection connection, JourneyEngine.Entry entry, Step step, String purpose, boolean waitOver,
            boolean deferralOver, Map<String, Object> traits, ZoneId zone, Instant now) throws SQLException {
        if (waitOver) {
            count(connection, entry.journeyId(), step.id(), "completed");
            JourneyHistory.record(connection, entry, StepEvent.of(step.id(), "wait-over"), now);
            return Outcome.to(step.next());
        }
        if (!deferralOver) {
            count(connection, entry.journeyId(), step.id(), "entered");
            JourneyHistory.record(connection, entry, StepEvent.of(step.id(), "entered"), now);
        }
        return switch (step.type()) {
            case "send" -> {
                Instant allowed = rules.allowedAt(now, zone);
                if (allowed.isAfter(now) && !sentBefore(connection, entry, step)) {
                    count(connection, entry.journeyId(), step.id(), "deferred");
                    JourneyHistory.record(connection, entry,
                            new StepEvent(step.id(), "deferred", null, null, null, allowed), now);
                    yield new Outcome(null, null, allowed, false);
                }
                String status = send(connection, entry, step, purpose, traits);
                count(connection, entry.journeyId(), step.id(), status);
                JourneyHistory.record(connection, entry,
                        new StepEvent(step.id(), "send", status, sendKey(entry, step).value(), null, null), now);
                yield Outcome.to(step.next());
            }
            case "wait" -> {
                Instant until = step.duration() != null
                        ? now.plus(Duration.parse(step.duration()))
                        : JourneyEngine.nextLocalTime(now, LocalTime.parse(step.until()), zone);
                JourneyHistory.record(connection, entry, new StepEvent(step.id(), "waiting", null, null, null, until), now);
                yield new Outcome(null, until, null, false);
            }
            case "condition" -> {
                boolean met = conditionMet(connection, entry, step.condition(), traits, now);
                String next = met ? step.then() : step.otherwise();
                count(connection, entry.journeyId(), step.id(), Boolean.toString(met));
                JourneyHistory.record(connection, entry,
                        new StepEvent(step.id(), "condition", Boolean.toString(met), null, next, null), now);
                yield Outcome.to(next);
            }
            case "split" -> {
                int branch = "bandit".equals(step.mode()) ? Splits.pullArm(connection, entry, step, now, random)
                        : Splits.weighted(step.branches(), random);
                String next = step.branches().get(branch).next();
                count(connection, entry.journeyId(), step.id(), "branch-" + branch);
                JourneyHistory.record(connection, entry,
                        new StepEvent(step.id(), "branch", "branch-" + branch, null, next, null), now);
                yield Outcome.to(next);
            }
            default -> {
                count(connection, entry.journeyId(), step.id(), "exited");
                JourneyHistory.record(connection, entry,
                        new StepEvent(step.id(), "exited", EXIT_STEP, null, null, null), now);
                yield new Outcome(null, null, null, true);
            }
        };
    }

    private static SendKey sendKey(JourneyEngine.Entry entry, Step step) {
        return new SendKey(entry.journeyId().toString(), SendKey.journeyStep(step.id(), entry.entryNo()), entry.profileKey());
    }

    /** Returns true when the step's send of this entry is in the ledger, so a rerun only reads its outcome. */
    private static boolean sentBefore(Connection connection, JourneyEngine.Entry entry, Step step) throws SQLException {
        return ledgerStatus(connection, sendKey(entry, step)).isPresent();
    }

    /**
     * Sends the step's message once per entry, unless consent, the do-not-contact list, a
     * frequency cap or the SMS segment limit forbids it, and returns the outcome to count. The
     * channel and the copy are chosen first ({@link JourneyMessages}), because the rules apply to
     * the channel. The final state is recorded together with the send's delivery event
     * ({@link JourneyFeedback}).
     */
    private String send(Connection connection, JourneyEngine.Entry entry, Step step, String purpose,
            Map<String, Object> traits) throws SQLException {
        SendKey key = sendKey(entry, step);
        Optional<String> earlier = ledgerStatus(connection, key);
        if (earlier.isPresent()) {
            // A run that crashed after sending: the ledger row outlived the rolled-back counts.
            return earlier.get().equals("pending") ? "unknown" : earlier.get();
        }
        JourneyMessages.Built built = messages.build(entry.profileKey(), step, traits);
        String channel = built.channel();
        if (built.message() == null) {
            record(entry, step, key, new Ledger(channel, built.status(), built.reason(), null, null, built.segments()));
            return built.status();
        }
        JourneyMessages.Message message = built.message();
        if (Boolean.FALSE.equals(consent(traits, channel))) {
            record(entry, step, key, new Ledger(channel, "skipped", "consent for " + channel + " is withdrawn", null,
                    message.copyId(), message.segments()));
            return "skipped";
        }
        String address = address(channel, traits);
        String addressHash = address == null ? null : SendKeys.addressHash(address);
        String skipReason = rules.skipReason(connection, entry.profileKey(), channel, addressHash, purpose);
        if (skipReason != null) {
            record(entry, step, key, new Ledger(channel, "skipped", skipReason, addressHash, message.copyId(),
                    message.segments()));
            return "skipped";
        }
        boolean email = JourneyMessages.EMAIL.equals(channel);
        if (email && address == null) {
            record(entry, step, key, new Ledger(channel, "skipped", RecipientRules.NO_CONTACT_POINT, null, message.copyId(), null));
            return "skipped";
        }
        // The Message-ID is stored before the send, so feedback finds the send even when its outcome is never stored.
        Ledger pending = new Ledger(channel, "pending", null, addressHash, message.copyId(), message.segments(),
                email ? sender.messageId(key) : null);
        if (!record(entry, step, key, pending)) {
            return "unknown";
        }

        DeliveryResult result = email
                ? sender.sendEmail(key, address, message.subject(), message.text(), locale(traits))
                : sender.send(channel, new OutgoingMessage(key, JourneyMessages.SMS.equals(channel) ? address : null,
                        message.subject(), message.text()));
        String status = "failed";
        String providerMessageId = null;
        if (result instanceof DeliveryResult.Sent sent) {
            status = "sent";
            providerMessageId = sent.providerId();
            messages.countSent(message);
        } else if (result instanceof DeliveryResult.Skipped) {
            status = "skipped";
        }
        if (!status.equals("sent")) {
            LOG.warnf("Journey %s step %s: send %s was %s: %s", entry.journeyId(), step.id(), key, status, result);
        }
        update(key, status, result.toString(), providerMessageId, own -> {
            feedback.record(own, key, entry, channel, message.copyId(), addressHash, result);
            return null;
        });
        return status;
    }

    /**
     * A journey_send row: the chosen channel, the status with its detail, the hashed address,
     * the content-service variant and, for SMS, the segment count.
     */
    private record Ledger(String channel, String status, String detail, String addressHash, String copyId,
            SmsLength.Count segments, String messageId) {

        Ledger(String channel, String status, String detail, String addressHash, String copyId,
                SmsLength.Count segments) {
            this(channel, status, detail, addressHash, copyId, segments, null);
        }
    }

    /** Returns the {@code locale} trait, such as {@code zh-CN}, which picks the unsubscribe line's language. */
    private static String locale(Map<String, Object> traits) {
        Object locale = traits.get("locale");
        return locale == null ? null : locale.toString();
    }

    /**
     * Returns the recipient's personal address on the channel: the {@code phone} trait for SMS and
     * the {@code email} trait for e-mail. Returns null for group channels and for a missing trait.
     */
    static String address(String channel, Map<String, Object> traits) {
        Object value = reveal(switch (channel) {
            case "sms" -> traits.get("phone");
            case "email" -> traits.get("email");
            default -> null;
        });
        return value == null || value.toString().isBlank() ? null : value.toString().trim();
    }

    private static Object consent(Map<String, Object> traits, String channel) {
        return traits.get("consent") instanceof Map<?, ?> consent ? consent.get(channel) : null;
    }

    /** Replaces {{name}} with the trait's value, or nothing when the profile lacks the trait. */
    static String fill(String template, Map<String, Object> traits) {
        return fill(template, traits, null);
    }

    /** Fills placeholders like {@link #fill(String, Map)} but leaves the placeholder named {@code unfilled} as it is. */
    static String fill(String template, Map<String, Object> traits, String unfilled) {
        Matcher matcher = PLACEHOLDER.matcher(template);
        StringBuilder filled = new StringBuilder();
        while (matcher.find()) {
            if (matcher.group(1).equals(unfilled)) {
                matcher.appendReplacement(filled, Matcher.quoteReplacement(matcher.group()));
                continue;
            }
            Object value = reveal(traits.get(matcher.group(1)));
            matcher.appendReplacement(filled, Matcher.quoteReplacement(value == null ? "" : value.toString()));
        }
        matcher.appendTail(filled);
        return filled.toString();
    }

    private static Optional<String> ledgerStatus(Connection connection, SendKey key) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("select status from journey_send where idempotency_key = ?")) {
            select.setString(1, key.value());
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(row.getString(1)) : Optional.empty();
            }
        }
    }

    /** Inserts a ledger row in its own committed transaction; returns false when the key exists. */
    private boolean record(JourneyEngine.Entry entry, Step step, SendKey key, Ledger row) {
        return Jdbc.inTransaction(dataSource, own -> {
            try (PreparedStatement insert = own.prepareStatement(
                    "insert into journey_send (idempotency_key, journey_id, step_id, profile_key, channel, status, detail,"
                            + " address_hash, copy_id, sms_segments, message_id, created_at, updated_at)"
                            + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, now(), now()) on conflict do nothing")) {
                insert.setString(1, key.value());
                insert.setObject(2, entry.journeyId());
                insert.setString(3, step.id());
                insert.setString(4, entry.profileKey());
                insert.setString(5, row.channel());
                insert.setString(6, row.status());
                insert.setString(7, row.detail());
                insert.setString(8, row.addressHash());
                insert.setString(9, row.copyId());
                insert.setObject(10, row.segments() == null ? null : row.segments().segments(), Types.INTEGER);
                insert.setString(11, row.messageId());
                return insert.executeUpdate() == 1;
            }
        });
    }

    /** Stores the send's outcome and runs {@code alongside} in one committed transaction of its own. */
    private void update(SendKey key, String status, String detail, String providerMessageId, Jdbc.Work<Void> alongside) {
        Jdbc.inTransaction(dataSource, own -> {
            try (PreparedStatement update = own.prepareStatement(
                    "update journey_send set status = ?, detail = ?, provider_message_id = ?, updated_at = now()"
                            + " where idempotency_key = ?")) {
                update.setString(1, status);
                update.setString(2, detail);
                update.setString(3, providerMessageId);
                update.setString(4, key.value());
                update.executeUpdate();
            }
            return alongside.run(own);
        });
    }

    private boolean conditionMet(Connection connection, JourneyEngine.Entry entry, JourneyDefinition.Condition condition,
            Map<String, Object> traits, Instant now) throws SQLException {
        if (condition.event() != null) {
            Instant from = condition.within() != null ? now.minus(Duration.parse(condition.within())) : entry.enteredAt();
            return facts.hadEvent(connection, entry.profileKey(), condition.event(), from, now);
        }
        Object value = traits.get(condition.trait());
        if (condition.equals() == null) {
            return value != null;
        }
        // A condition that compares a personal trait with a value decrypts it.
        Object revealed = reveal(value);
        return revealed != null && condition.equals().equals(revealed.toString());
    }

    /** Returns the decrypted text of a personal trait, which the stored traits keep as a {@link SealedValue}. */
    private static Object reveal(Object value) {
        return value instanceof SealedValue sealed ? sealed.reveal() : value;
    }

    private static void count(Connection connection, UUID journeyId, String stepId, String outcome) throws SQLException {
        try (PreparedStatement upsert = connection.prepareStatement(
                "insert into journey_step_count (journey_id, step_id, outcome, count) values (?, ?, ?, 1)"
                        + " on conflict (journey_id, step_id, outcome) do update set count = journey_step_count.count + 1")) {
            upsert.setObject(1, journeyId);
            upsert.setString(2, stepId);
            upsert.setString(3, outcome);
            upsert.executeUpdate();
        }
    }
}
