package io.channelmind.automation.journey;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.channelmind.automation.client.ContentClient;
import io.channelmind.automation.client.ContentGateway;
import io.channelmind.automation.client.DependencyException;
import io.channelmind.automation.client.OptimizerGateway;
import io.channelmind.automation.journey.JourneyDefinition.Step;
import io.channelmind.web.sms.SmsLength;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Builds the message of one journey send for one profile, as a campaign builds its copy: the
 * channel fixed on the step or recommended by channel-optimizer for the profile, the text written
 * on the step or an approved content-service variant, and the {@code {{trait}}} placeholders
 * filled from the profile's traits at send time. SMS text is counted in segments and held to the
 * step's limit. E-mail keeps its {@code {{unsubscribeUrl}}} placeholder for the sender, which
 * fills it with the send's signed unsubscribe link.
 *
 * <p>The remote calls block the calling thread, which is a journey worker holding the entry's
 * row lock, for at most the REST client timeouts of {@code channel-optimizer} and
 * {@code content-service} and their connection retries.
 */
@ApplicationScoped
public class JourneyMessages {

    private static final Logger LOG = Logger.getLogger(JourneyMessages.class);
    static final String SMS = "sms";
    static final String EMAIL = "email";
    /** Placeholder of the signed unsubscribe link, which only e-mail sends fill. */
    static final String UNSUBSCRIBE_URL = "unsubscribeUrl";
    /** SMS segments that providers accepted from journeys, tagged with the encoding. */
    static final String SEGMENTS_METRIC = "channelmind.automation.sms.segments";

    private final OptimizerGateway optimizer;
    private final VariantCache variants;
    private final MeterRegistry metrics;
    private final int defaultMaxSegments;

    public JourneyMessages(OptimizerGateway optimizer, ContentGateway content, MeterRegistry metrics,
            JourneyConfig config) {
        this.optimizer = optimizer;
        this.variants = new VariantCache(content, config.variantCacheTtl(), config.variantCacheMaxEntries());
        this.metrics = metrics;
        this.defaultMaxSegments = config.smsMaxSegments();
    }

    /**
     * A message ready for the connector. {@code copyId} is the content-service variant, null for
     * text written on the step; {@code segments} is null for channels other than SMS.
     */
    record Message(String channel, String subject, String text, String copyId, SmsLength.Count segments) {
    }

    /**
     * The result of building a message: either {@code message}, or a send that is not made, with
     * the final {@code status} (failed or skipped), the {@code reason} and the channel if one was chosen.
     */
    record Built(Message message, String channel, String status, String reason, SmsLength.Count segments) {

        static Built of(Message message) {
            return new Built(message, message.channel(), null, null, message.segments());
        }

        static Built failed(String channel, String reason) {
            return new Built(null, channel, "failed", reason, null);
        }
    }

    /**
     * Builds the step's message for the profile. A failure of channel-optimizer or content-service
     * returns a failed result with the dependency's problem as the reason.
     */
    Built build(String profileKey, Step step, Map<String, Object> traits) {
        String channel = step.channel();
        if (channel == null) {
            try {
                channel = optimizer.recommendForProfile(profileKey, step.channels()).await().indefinitely().channel();
            } catch (DependencyException e) {
                LOG.warnf("Journey send to %s: no channel recommendation, so the send fails: %s", profileKey,
                        e.getMessage());
                return Built.failed(step.channels().get(0), e.getMessage());
            }
        }

        String subject = step.subject();
        String text = step.text();
        String copyId = null;
        if (text == null) {
            List<ContentClient.Variant> approved;
            try {
                approved = variants.approvedVariants(step.content().campaign(), step.content().segment(), channel);
            } catch (DependencyException e) {
                LOG.warnf("Journey send to %s: no content-service copy, so the send fails: %s", profileKey,
                        e.getMessage());
                return Built.failed(channel, e.getMessage());
            }
            if (approved.isEmpty()) {
                String reason = "content-service has no approved variant of campaign " + step.content().campaign()
                        + " on channel " + channel + "; approve one with POST /api/v1/copy/{copyId}/approval";
                LOG.warnf("Journey send to %s fails: %s", profileKey, reason);
                return Built.failed(channel, reason);
            }
            // NOTE: content-service reports a bandit traffic share per variant (GET /api/v1/copy/performance), but
            // campaigns send one generated copy and choose no variant, so journeys keep this even split by profile.
            ContentClient.Variant variant = approved.get(Math.floorMod(profileKey.hashCode(), approved.size()));
            subject = variant.subject();
            text = variant.body();
            copyId = variant.copyId();
        }

        if (EMAIL.equals(channel)) {
            return email(profileKey, channel, subject, text, copyId, traits);
        }
        // Other channels carry no unsubscribe link, so an {{unsubscribeUrl}} placeholder is filled with nothing.
        String filledText = StepRunner.fill(text, traits);
        String filledSubject = subject == null ? null : StepRunner.fill(subject, traits);
        if (!SMS.equals(channel)) {
            return Built.of(new Message(channel, filledSubject, filledText, copyId, null));
        }
        SmsLength.Count segments = SmsLength.count(filledText);
        int allowed = step.maxSegments() == null ? defaultMaxSegments : step.maxSegments();
        if (segments.segments() > allowed) {
            return new Built(null, channel, "skipped", tooLong(segments, allowed), segments);
        }
        return Built.of(new Message(channel, filledSubject, filledText, copyId, segments));
    }

    /**
     * Builds an e-mail: fills the trait placeholders and keeps {@code {{unsubscribeUrl}}} for
     * {@link JourneySender#sendEmail}, which fills it with the signed link of the send. A message
     * without a subject fails, because the variant had none and the step names none.
     */
    private Built email(String profileKey, String channel, String subject, String text, String copyId,
            Map<String, Object> traits) {
        if (subject == null || subject.isBlank()) {
            String reason = copyId == null ? "the e-mail has no subject. Set subject on the step"
                    : "content-service variant " + copyId + " has no subject. Set subject on the step or on the variant";
            LOG.warnf("Journey send to %s fails: %s", profileKey, reason);
            return Built.failed(channel, reason);
        }
        String filledText = StepRunner.fill(text, traits, UNSUBSCRIBE_URL);
        String filledSubject = StepRunner.fill(subject, traits);
        return Built.of(new Message(channel, filledSubject, filledText, copyId, null));
    }

    /** Counts the segments of an SMS that the provider accepted; other channels count nothing. */
    void countSent(Message message) {
        if (message.segments() != null) {
            metrics.counter(SEGMENTS_METRIC, "encoding", message.segments().encoding().name().toLowerCase(Locale.ROOT))
                    .increment(message.segments().segments());
        }
    }

    /** Returns the skip reason of an SMS over its segment limit, such as {@code sms too long (4 segments, at most 3)}. */
    static String tooLong(SmsLength.Count segments, int allowed) {
        return "sms too long (" + segments.segments() + " segments, at most " + allowed + ")";
    }
}
