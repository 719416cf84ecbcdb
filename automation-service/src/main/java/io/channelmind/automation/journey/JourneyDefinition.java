package io.channelmind.automation.journey;

import java.util.List;
import java.util.Optional;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.channelmind.automation.consent.ConsentRules;

/**
 * A journey as clients write it: what lets a profile in, whether it may enter again, and the
 * steps. The first step in the list is where every entry starts. docs/journeys.md describes
 * each field with examples.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "A journey: trigger, re-entry rule and steps; the first step is the start")
public record JourneyDefinition(
        @Schema(description = "Display name", examples = "Welcome series") String name,
        Trigger trigger,
        @Schema(description = "Re-entry rule; default: never") Reentry reentry,
        @Schema(description = "Steps; ids are unique and steps refer to each other by id") List<Step> steps,
        @Schema(description = "Purpose whose consent the sends need: marketing (the default) or transactional",
                enumeration = { "marketing", "transactional" }) String purpose) {

    /** Returns the step with the given id. */
    public Optional<Step> step(String id) {
        return steps == null ? Optional.empty() : steps.stream().filter(s -> id.equals(s.id())).findFirst();
    }

    @JsonIgnore
    public String purposeOrDefault() {
        return purpose == null ? ConsentRules.MARKETING : purpose;
    }

    @JsonIgnore
    public Reentry reentryOrDefault() {
        return reentry == null ? new Reentry("never", null) : reentry;
    }

    /** Trigger that lets a profile in. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(description = "segment-entered: a profile entered `segment` (cm.segment-membership); event: a customer event "
            + "whose type or name is `event` (cm.customer-events); date-attribute: the date trait `attribute` "
            + "(plus `offsetDays`) is today in the profile's time zone, checked from `at` local time")
    public record Trigger(
            @Schema(enumeration = { "segment-entered", "event", "date-attribute" }) String type,
            String segment,
            String event,
            @Schema(description = "Date trait, ISO yyyy-MM-dd, such as birthday or renewalDate") String attribute,
            @Schema(description = "yearly (birthdays, anniversaries; the default) or once (a renewal date)") String repeat,
            @Schema(description = "Days added to the attribute date: -7 enters a week before") Integer offsetDays,
            @Schema(description = "Local time HH:mm from which the date trigger fires; default 09:00") String at,
            @Schema(description = "Zone for profiles without a timeZone trait; default UTC") String defaultZone) {
    }

    /** Whether a profile that entered before may enter again. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(description = "never: one entry per profile; always: again once the previous entry finished; "
            + "cooldown: again once `cooldown` (ISO-8601 duration) passed since the previous entry")
    public record Reentry(
            @Schema(enumeration = { "never", "always", "cooldown" }) String mode,
            @Schema(examples = "P30D") String cooldown) {
    }

    /**
     * One step. The fields used depend on {@code type}; {@code next} (and {@code then},
     * {@code else}, branch {@code next}) name the following step, and a missing one ends the
     * journey for that profile.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(description = "A step; the fields used depend on type")
    public record Step(
            @Schema(description = "Unique id: letters, digits, '-' and '_'") String id,
            @Schema(enumeration = { "send", "wait", "condition", "split", "exit" }) String type,
            @Schema(description = "Following step; missing ends the journey") String next,
            @Schema(description = "send: channel (email, sms, slack, wecom, dingtalk, webhook); leave out to send on the"
                    + " channel that channel-optimizer recommends for each profile out of `channels`") String channel,
            @Schema(description = "send without channel: the candidate channels for channel-optimizer, at least two")
            List<String> channels,
            @Schema(description = "send: title; required for email text written on the step") String subject,
            @Schema(description = "send: text with {{trait}} placeholders; leave out to send an approved variant"
                    + " of `content`") String text,
            @Schema(description = "send without text: the content-service campaign whose approved variants are sent")
            Content content,
            @Schema(description = "send on sms: the maximum number of SMS segments of a message (1 to 10); default"
                    + " automation.journeys.sms-max-segments") Integer maxSegments,
            @Schema(description = "wait: ISO-8601 duration, such as PT2H or P3D") String duration,
            @Schema(description = "wait: local time HH:mm in the profile's zone; waits for its next occurrence")
            String until,
            @Schema(description = "condition: what is checked") Condition condition,
            @Schema(description = "condition: step when true") String then,
            @JsonProperty("else") @Schema(name = "else", description = "condition: step when false") String otherwise,
            @Schema(description = "split: random (by weight) or bandit (Thompson sampling on the goal event)")
            String mode,
            @Schema(description = "split: the branches, at least two") List<Branch> branches,
            @Schema(description = "bandit split: event type or name that counts as success") String goal) {
    }

    /**
     * The content-service copy of a send step: the approved variants of {@code campaign} on the
     * channel of the send, of {@code segment} only when it is set.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(description = "content-service copy: one of the approved variants of the campaign on the send's channel, "
            + "the same variant for a profile every time; placeholders are filled from the profile's traits")
    public record Content(
            @Schema(description = "Campaign name the copies were written for", examples = "spring-savings") String campaign,
            @Schema(description = "Only variants written for this segment; leave out for every segment") String segment) {
    }

    /** A check on the profile's events or traits. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(description = "event: the profile had an event of this type or name since it entered (or within "
            + "`within`); trait: the trait equals `equals`, or exists when `equals` is missing")
    public record Condition(String event, @Schema(examples = "P7D") String within, String trait, String equals) {
    }

    /** One branch of a split. */
    @Schema(description = "A split branch; weight is used by random splits (default 1)")
    public record Branch(String next, Double weight) {

        @JsonIgnore
        public double weightOrDefault() {
            return weight == null ? 1.0 : weight;
        }
    }
}
