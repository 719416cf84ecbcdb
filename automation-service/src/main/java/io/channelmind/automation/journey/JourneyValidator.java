package io.channelmind.automation.journey;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import io.channelmind.automation.consent.ConsentRules;
import io.channelmind.automation.journey.JourneyDefinition.Branch;
import io.channelmind.automation.journey.JourneyDefinition.Step;
import io.channelmind.web.Problem;
import io.channelmind.web.sms.SmsLength;

/**
 * Checks a journey definition and lists every invalid field, each naming the step by index and
 * id, the value and the fix. A journey must be acyclic, so every entry reaches an end.
 */
public final class JourneyValidator {

    static final Set<String> CHANNELS = Set.of("email", "sms", "slack", "wecom", "dingtalk", "webhook");
    private static final Pattern STEP_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Set<String> TRIGGERS = Set.of("segment-entered", "event", "date-attribute");
    /** Upper bound of a send step's maxSegments. */
    static final int MAX_SMS_SEGMENTS = 10;
    private static final Set<String> STEP_TYPES = Set.of("send", "wait", "condition", "split", "exit");

    private final List<Problem.FieldError> errors = new ArrayList<>();

    private JourneyValidator() {
    }

    /** Returns the problems of a definition; empty when it is valid. */
    public static List<Problem.FieldError> problems(JourneyDefinition definition) {
        JourneyValidator validator = new JourneyValidator();
        validator.check(definition);
        return validator.errors;
    }

    /** Throws a 400 problem listing every invalid field, unless the definition is valid. */
    public static void requireValid(JourneyDefinition definition) {
        List<Problem.FieldError> found = problems(definition);
        if (found.isEmpty()) {
            return;
        }
        Problem.Builder problem = Problem.of(400, "invalid-journey", "Invalid journey definition")
                .detail(found.get(0).field() + ": " + found.get(0).message()
                        + (found.size() > 1 ? " (and " + (found.size() - 1) + " more)" : ""));
        found.forEach(error -> problem.error(error.field(), error.value(), error.message()));
        throw problem.toException();
    }

    private void reject(String field, Object value, String message) {
        errors.add(new Problem.FieldError(field, value, message));
    }

    private void check(JourneyDefinition definition) {
        if (definition == null) {
            reject("body", null, "the request body is missing; send a journey definition as JSON");
            return;
        }
        if (definition.name() == null || definition.name().isBlank()) {
            reject("name", definition.name(), "name is missing; give the journey a display name");
        }
        checkTrigger(definition.trigger());
        checkReentry(definition.reentryOrDefault());
        if (definition.purpose() != null && !ConsentRules.SEND_PURPOSES.contains(definition.purpose())) {
            reject("purpose", definition.purpose(), "purpose is invalid; use marketing (the default) or transactional");
        }
        if (definition.steps() == null || definition.steps().isEmpty()) {
            reject("steps", definition.steps(), "steps are missing; a journey needs at least one step");
            return;
        }

        Map<String, Integer> indexById = new HashMap<>();
        for (int i = 0; i < definition.steps().size(); i++) {
            Step step = definition.steps().get(i);
            String id = step == null ? null : step.id();
            if (id == null || !STEP_ID.matcher(id).matches()) {
                reject("steps[" + i + "].id", id, "step id is invalid; use 1 to 64 letters, digits, '-' or '_'");
            } else if (indexById.putIfAbsent(id, i) != null) {
                reject("steps[" + i + "].id", id, "step id is used by steps[" + indexById.get(id) + "] too; ids must be unique");
            }
        }
        for (int i = 0; i < definition.steps().size(); i++) {
            Step step = definition.steps().get(i);
            if (step != null) {
                new StepChecks(this, "steps[" + i + "] (" + step.id() + ")", indexById.keySet()).check(step);
            }
        }
        if (errors.isEmpty()) {
            checkAcyclic(definition);
        }
    }

    private void checkTrigger(JourneyDefinition.Trigger trigger) {
        if (trigger == null || trigger.type() == null || !TRIGGERS.contains(trigger.type())) {
            reject("trigger.type", trigger == null ? null : trigger.type(),
                    "trigger type is missing or invalid; use segment-entered, event or date-attribute");
            return;
        }
        switch (trigger.type()) {
            case "segment-entered" -> requireText("trigger.segment", trigger.segment(), "name the segment to watch");
            case "event" -> requireText("trigger.event", trigger.event(), "name the event type or name to watch");
            default -> checkDateTrigger(trigger);
        }
    }

    private void checkDateTrigger(JourneyDefinition.Trigger trigger) {
        requireText("trigger.attribute", trigger.attribute(), "name the date trait, such as birthday");
        if (trigger.repeat() != null && !Set.of("yearly", "once").contains(trigger.repeat())) {
            reject("trigger.repeat", trigger.repeat(), "repeat is invalid; use yearly or once");
        }
        if (trigger.at() != null) {
            checkLocalTime("trigger.at", trigger.at());
        }
        if (trigger.defaultZone() != null) {
            try {
                ZoneId.of(trigger.defaultZone());
            } catch (RuntimeException e) {
                reject("trigger.defaultZone", trigger.defaultZone(), "unknown time zone; use an IANA id such as Asia/Shanghai");
            }
        }
    }

    private void checkReentry(JourneyDefinition.Reentry reentry) {
        if (reentry.mode() == null || !Set.of("never", "always", "cooldown").contains(reentry.mode())) {
            reject("reentry.mode", reentry.mode(), "re-entry mode is invalid; use never, always or cooldown");
        } else if (reentry.mode().equals("cooldown")) {
            checkDuration("reentry.cooldown", reentry.cooldown());
        }
    }

    void requireText(String field, String value, String fix) {
        if (value == null || value.isBlank()) {
            reject(field, value, field + " is missing; " + fix);
        }
    }

    void checkDuration(String field, String value) {
        try {
            Duration duration = Duration.parse(value);
            if (duration.isNegative() || duration.isZero()) {
                reject(field, value, "duration must be positive; use ISO-8601 such as PT2H or P3D");
            }
        } catch (DateTimeParseException | NullPointerException e) {
            reject(field, value, "duration is missing or invalid; use ISO-8601 such as PT2H or P3D");
        }
    }

    void checkLocalTime(String field, String value) {
        try {
            LocalTime.parse(value);
        } catch (DateTimeParseException e) {
            reject(field, value, "time is invalid; use 24-hour HH:mm such as 09:30");
        }
    }

    void rejectStep(String field, Object value, String message) {
        reject(field, value, message);
    }

    private void checkAcyclic(JourneyDefinition definition) {
        Map<String, Integer> state = new HashMap<>();
        for (Step step : definition.steps()) {
            if (visit(definition, step.id(), state, new HashSet<>())) {
                return;
            }
        }
    }

    /** Depth-first search; returns true after reporting a cycle through {@code id}. */
    private boolean visit(JourneyDefinition definition, String id, Map<String, Integer> state, Set<String> path) {
        if (state.getOrDefault(id, 0) == 2) {
            return false;
        }
        if (!path.add(id)) {
            int index = definition.steps().indexOf(definition.step(id).orElseThrow());
            reject("steps[" + index + "] (" + id + ")", id,
                    "the steps form a cycle through " + id + "; journeys must be acyclic, so remove a link in the loop");
            return true;
        }
        for (String next : successors(definition.step(id).orElseThrow())) {
            if (visit(definition, next, state, path)) {
                return true;
            }
        }
        path.remove(id);
        state.put(id, 2);
        return false;
    }

    static List<String> successors(Step step) {
        List<String> next = new ArrayList<>();
        if (step.next() != null) {
            next.add(step.next());
        }
        if (step.then() != null) {
            next.add(step.then());
        }
        if (step.otherwise() != null) {
            next.add(step.otherwise());
        }
        if (step.branches() != null) {
            step.branches().stream().map(Branch::next).filter(n -> n != null).forEach(next::add);
        }
        return next;
    }

    /** The type-specific checks of one step; {@code label} is {@code steps[i] (id)}. */
    private record StepChecks(JourneyValidator validator, String label, Set<String> ids) {

        void check(Step step) {
            if (step.type() == null || !STEP_TYPES.contains(step.type())) {
                validator.rejectStep(label + ".type", step.type(), "step type is invalid; use send, wait, condition, split or exit");
                return;
            }
            switch (step.type()) {
                case "send" -> checkSend(step);
                case "wait" -> checkWait(step);
                case "condition" -> checkCondition(step);
                case "split" -> checkSplit(step);
                default -> {
                    if (!successors(step).isEmpty()) {
                        validator.rejectStep(label + ".next", step.next(), "an exit step ends the journey; remove next");
                    }
                }
            }
            for (String next : successors(step)) {
                if (!ids.contains(next)) {
                    validator.rejectStep(label, next, "refers to step " + next + ", which does not exist; use an id from steps");
                }
            }
        }

        private void checkSend(Step step) {
            if (step.channel() != null && step.channels() != null) {
                validator.rejectStep(label + ".channels", step.channels(),
                        "set channel for a fixed channel or channels for channel-optimizer's choice, not both");
            } else if (step.channel() == null && step.channels() == null) {
                validator.rejectStep(label + ".channel", null, "channel is missing; use one of "
                        + CHANNELS.stream().sorted().toList() + ", or list channels for channel-optimizer to choose from");
            } else if (step.channel() != null && !CHANNELS.contains(step.channel())) {
                validator.rejectStep(label + ".channel", step.channel(),
                        "channel is invalid; use one of " + CHANNELS.stream().sorted().toList());
            } else if (step.channels() != null) {
                checkCandidates(step.channels());
            }

            if (step.text() != null && step.content() != null) {
                validator.rejectStep(label + ".content", step.content(),
                        "set text for a message written on the step or content for content-service copy, not both");
            } else if (step.content() != null) {
                validator.requireText(label + ".content.campaign", step.content().campaign(),
                        "name the content-service campaign whose approved variants are sent");
            } else {
                validator.requireText(label + ".text", step.text(),
                        "write the message text, or set content to send content-service copy");
            }
            // Content-service variants usually carry a subject, so only e-mail text written on the step needs one here.
            if ("email".equals(step.channel()) && step.text() != null) {
                validator.requireText(label + ".subject", step.subject(),
                        "write a subject next to the text, because every e-mail needs one");
            }
            checkSegments(step);
        }

        private void checkCandidates(List<String> channels) {
            boolean known = channels.stream().allMatch(channel -> channel != null && CHANNELS.contains(channel));
            if (!known || new HashSet<>(channels).size() != channels.size() || channels.size() < 2) {
                validator.rejectStep(label + ".channels", channels, "list at least two different channels out of "
                        + CHANNELS.stream().sorted().toList());
            }
        }

        private void checkSegments(Step step) {
            Integer max = step.maxSegments();
            if (max == null) {
                return;
            }
            if (max < 1 || max > MAX_SMS_SEGMENTS) {
                validator.rejectStep(label + ".maxSegments", max, "maxSegments must be 1 to " + MAX_SMS_SEGMENTS);
                return;
            }
            // Text without placeholders is final, so it is counted now. Filled text is counted at send time.
            if ("sms".equals(step.channel()) && step.text() != null && !step.text().contains("{{")) {
                SmsLength.Count count = SmsLength.count(step.text());
                if (count.segments() > max) {
                    validator.rejectStep(label + ".text", step.text(), "the text takes " + count.segments()
                            + " SMS segments (" + count.encoding() + ", " + count.units() + " units), more than"
                            + " maxSegments " + max + "; shorten it or raise maxSegments");
                }
            }
        }

        private void checkWait(Step step) {
            if ((step.duration() == null) == (step.until() == null)) {
                validator.rejectStep(label, step.duration() == null ? step.until() : step.duration(),
                        "a wait step needs exactly one of duration (ISO-8601, such as P1D) or until (HH:mm)");
            } else if (step.duration() != null) {
                validator.checkDuration(label + ".duration", step.duration());
            } else {
                validator.checkLocalTime(label + ".until", step.until());
            }
        }

        private void checkCondition(Step step) {
            JourneyDefinition.Condition condition = step.condition();
            if (condition == null || (condition.event() == null) == (condition.trait() == null)) {
                validator.rejectStep(label + ".condition", condition,
                        "a condition needs exactly one of event (an event type or name) or trait (a trait name)");
                return;
            }
            if (condition.within() != null) {
                validator.checkDuration(label + ".condition.within", condition.within());
            }
        }

        private void checkSplit(Step step) {
            if (step.mode() == null || !Set.of("random", "bandit").contains(step.mode())) {
                validator.rejectStep(label + ".mode", step.mode(), "split mode is invalid; use random or bandit");
            }
            if (step.branches() == null || step.branches().size() < 2) {
                validator.rejectStep(label + ".branches", step.branches(), "a split needs at least two branches");
                return;
            }
            for (int b = 0; b < step.branches().size(); b++) {
                Branch branch = step.branches().get(b);
                if (branch.weight() != null && !(branch.weight() > 0)) {
                    validator.rejectStep(label + ".branches[" + b + "].weight", branch.weight(), "weight must be above 0");
                }
            }
            if ("bandit".equals(step.mode())) {
                validator.requireText(label + ".goal", step.goal(), "name the event type or name that counts as success");
            }
        }
    }
}
