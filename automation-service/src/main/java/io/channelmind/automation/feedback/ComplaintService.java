package io.channelmind.automation.feedback;

import java.util.Locale;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.channelmind.automation.messaging.DeliveryEvent;
import io.channelmind.automation.repository.FeedbackRepository;
import io.channelmind.automation.repository.FeedbackRepository.SendReference;
import io.channelmind.web.Problem;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Records spam complaints that mailbox providers (ARF feedback loops, RFC 5965) and SMS or
 * webhook providers report. The complained send's address goes on the do-not-contact list of its
 * channel, and a {@code complained} event goes to cm.deliveries, in one transaction.
 */
@ApplicationScoped
public class ComplaintService {

    private static final Logger LOG = Logger.getLogger(ComplaintService.class);
    /** ARF Feedback-Type values that report unwanted mail; {@code not-spam} is the opposite and is rejected. */
    static final Set<String> COMPLAINT_TYPES = Set.of("abuse", "fraud", "virus", "other");

    private static final String CAMPAIGN_SEND_BY_KEY = """
            select idempotency_key, campaign_id, profile_key, channel, address_hash, copy_id from send
            where idempotency_key = $1
            """;
    private static final String JOURNEY_SEND_BY_KEY = """
            select idempotency_key, journey_id, profile_key, channel, address_hash from journey_send
            where idempotency_key = $1 and status = 'sent'
            """;
    private static final String JOURNEY_SEND_BY_PROVIDER_ID = """
            select idempotency_key, journey_id, profile_key, channel, address_hash from journey_send
            where channel = $1 and provider_message_id = $2 and status = 'sent'
            """;

    private final Pool pool;
    private final FeedbackRepository feedback;

    public ComplaintService(Pool pool, FeedbackRepository feedback) {
        this.pool = pool;
        this.feedback = feedback;
    }

    /**
     * A complaint report. One identifier names the send: {@code originalMessageId} (the
     * Message-ID of the complained e-mail, the ARF {@code Original-Message-ID}), {@code idempotencyKey}
     * (sent to webhook receivers as {@code X-ChannelMind-Idempotency-Key}), or {@code channel} with
     * {@code providerMessageId} (the id the SMS provider returned, such as a Twilio message SID).
     */
    public record ComplaintReport(String source, String feedbackType, String originalMessageId, String idempotencyKey,
            String channel, String providerMessageId) {
    }

    /** The recorded complaint: the send it is about and whether its address was blocked. */
    public record RecordedComplaint(String idempotencyKey, String channel, boolean doNotContact) {
    }

    /**
     * Finds the send and records the complaint. Fails with a 400 problem for a report without an
     * identifier or with a feedback type that is not a complaint, and with a 404 problem when no
     * send matches. A repeated report publishes its event again under the same eventId, which
     * consumers drop.
     */
    public Uni<RecordedComplaint> record(ComplaintReport report) {
        validate(report);
        return find(report).chain(send -> {
            if (send == null) {
                throw notFound(report);
            }
            // A group chat send has no personal address to block, so only the event is recorded.
            String reason = send.addressHash() == null ? null : FeedbackRepository.COMPLAINT;
            return feedback.record(send, DeliveryEvent.STATUS_COMPLAINED, reason).map(ignored -> {
                LOG.infof("Complaint from %s recorded for send %s on channel %s", sourceOf(report),
                        send.idempotencyKey(), send.channel());
                return new RecordedComplaint(send.idempotencyKey(), send.channel(), reason != null);
            });
        });
    }

    private static void validate(ComplaintReport report) {
        if (report == null) {
            throw Problem.of(400, "invalid-complaint", "Invalid complaint report")
                    .detail("The request has no JSON body")
                    .error("body", null, "Send a JSON object with originalMessageId, idempotencyKey, or channel and"
                            + " providerMessageId")
                    .toException();
        }
        if (report.feedbackType() != null
                && !COMPLAINT_TYPES.contains(report.feedbackType().trim().toLowerCase(Locale.ROOT))) {
            throw Problem.of(400, "invalid-complaint", "Invalid complaint report")
                    .detail("feedbackType '" + report.feedbackType() + "' does not report unwanted mail")
                    .error("feedbackType", report.feedbackType(), "Use abuse, fraud, virus or other, or leave it out"
                            + " (abuse); do not forward not-spam reports")
                    .toException();
        }
        if (blank(report.originalMessageId()) && blank(report.idempotencyKey()) && blank(report.providerMessageId())) {
            throw Problem.of(400, "invalid-complaint", "Invalid complaint report")
                    .detail("The report names no send")
                    .error("originalMessageId", null, "Give the Message-ID of the complained e-mail, the send's"
                            + " idempotencyKey, or channel and providerMessageId")
                    .toException();
        }
        if (!blank(report.providerMessageId()) && blank(report.channel())) {
            throw Problem.of(400, "invalid-complaint", "Invalid complaint report")
                    .detail("providerMessageId is only unique within one channel")
                    .error("channel", report.channel(), "Give the channel of the send, such as sms")
                    .toException();
        }
    }

    private Uni<SendReference> find(ComplaintReport report) {
        if (!blank(report.originalMessageId())) {
            return feedback.findByMessageId(angleBracketed(report.originalMessageId().trim()));
        }
        if (!blank(report.idempotencyKey())) {
            String key = report.idempotencyKey().trim();
            return query(CAMPAIGN_SEND_BY_KEY, Tuple.of(key), true)
                    .chain(send -> send != null ? Uni.createFrom().item(send)
                            : query(JOURNEY_SEND_BY_KEY, Tuple.of(key), false));
        }
        return query(JOURNEY_SEND_BY_PROVIDER_ID,
                Tuple.of(report.channel().trim().toLowerCase(Locale.ROOT), report.providerMessageId().trim()), false);
    }

    private Uni<SendReference> query(String sql, Tuple values, boolean campaign) {
        return pool.preparedQuery(sql).execute(values).map(rows -> first(rows, campaign));
    }

    /** Returns the first row as a reference; a journey send names its journey in place of the campaign. */
    private static SendReference first(RowSet<Row> rows, boolean campaign) {
        for (Row row : rows) {
            return new SendReference(row.getString("idempotency_key"),
                    row.getUUID(campaign ? "campaign_id" : "journey_id"), row.getString("profile_key"),
                    row.getString("channel"), row.getString("address_hash"), campaign ? row.getString("copy_id") : null);
        }
        return null;
    }

    /** Returns the Message-ID in angle brackets, the form stored with each send, which ARF reports may omit. */
    static String angleBracketed(String messageId) {
        return messageId.startsWith("<") ? messageId : "<" + messageId + ">";
    }

    private static String sourceOf(ComplaintReport report) {
        return blank(report.source()) ? "an unnamed source" : report.source();
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static RuntimeException notFound(ComplaintReport report) {
        String field;
        String value;
        if (!blank(report.originalMessageId())) {
            field = "originalMessageId";
            value = report.originalMessageId();
        } else if (!blank(report.idempotencyKey())) {
            field = "idempotencyKey";
            value = report.idempotencyKey();
        } else {
            field = "providerMessageId";
            value = report.providerMessageId();
        }
        return Problem.of(404, "send-not-found", "Message not found")
                .detail("No sent message of this service matches " + field + " '" + value + "'")
                .error(field, value, "Forward only complaints about messages that this service sent")
                .toException();
    }
}
