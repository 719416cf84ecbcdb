package io.channelmind.automation.journey;

import static io.channelmind.automation.journey.JourneyFixtures.eventCondition;
import static io.channelmind.automation.journey.JourneyFixtures.exit;
import static io.channelmind.automation.journey.JourneyFixtures.segmentJourney;
import static io.channelmind.automation.journey.JourneyFixtures.send;
import static io.channelmind.automation.journey.JourneyFixtures.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.channelmind.automation.journey.JourneyDefinition.Reentry;
import io.channelmind.web.Problem;

class JourneyValidatorTest {

    @Test
    void validJourneyHasNoProblems() {
        JourneyDefinition journey = segmentJourney("vip", new Reentry("cooldown", "P30D"),
                waitFor("wait-1", "PT2H", "check"),
                eventCondition("check", "conversion", "done", "nudge"),
                send("nudge", "sms", "Hi {{firstName}}", null),
                exit("done"));

        assertEquals(List.of(), JourneyValidator.problems(journey));
    }

    @Test
    void badDurationNamesTheStep() {
        JourneyDefinition journey = segmentJourney("vip", null, send("hello", "sms", "Hi", "wait-1"), waitFor("wait-1", "2 hours", null));

        List<Problem.FieldError> problems = JourneyValidator.problems(journey);

        assertEquals(1, problems.size());
        assertEquals("steps[1] (wait-1).duration", problems.get(0).field());
        assertEquals("2 hours", problems.get(0).value());
        assertTrue(problems.get(0).message().contains("ISO-8601"), problems.get(0).message());
    }

    @Test
    void unknownNextStepIsRejected() {
        JourneyDefinition journey = segmentJourney("vip", null, send("hello", "fax", "Hi", "missing"));

        List<Problem.FieldError> problems = JourneyValidator.problems(journey);

        assertEquals(List.of("steps[0] (hello).channel", "steps[0] (hello)"), problems.stream().map(Problem.FieldError::field).toList());
        assertTrue(problems.get(1).message().contains("missing, which does not exist"), problems.get(1).message());
    }

    @Test
    void emailTextNeedsSubject() {
        JourneyDefinition journey = segmentJourney("vip", null, send("hello", "email", "Hi {{firstName}}", null));

        List<Problem.FieldError> problems = JourneyValidator.problems(journey);

        assertEquals(List.of("steps[0] (hello).subject"), problems.stream().map(Problem.FieldError::field).toList());
        assertTrue(problems.get(0).message().contains("every e-mail needs one"), problems.get(0).message());
    }

    @Test
    void cycleIsRejected() {
        JourneyDefinition journey = segmentJourney("vip", null, waitFor("a", "PT1H", "b"), send("b", "sms", "Hi", "a"));

        List<Problem.FieldError> problems = JourneyValidator.problems(journey);

        assertEquals(1, problems.size());
        assertTrue(problems.get(0).message().contains("cycle"), problems.get(0).message());
    }

    @Test
    void duplicateIdsAndBadTriggerAreRejected() {
        JourneyDefinition journey = new JourneyDefinition("", new JourneyDefinition.Trigger("segment-entered", null, null, null,
                null, null, null, null), new Reentry("sometimes", null), List.of(exit("x"), exit("x")), null);

        List<String> fields = JourneyValidator.problems(journey).stream().map(Problem.FieldError::field).toList();

        assertEquals(List.of("name", "trigger.segment", "reentry.mode", "steps[1].id"), fields);
    }

    @Test
    void banditWithoutGoalIsRejected() {
        JourneyDefinition journey = segmentJourney("vip", null, JourneyFixtures.banditSplit("pick", null, "a", "b"),
                exit("a"), exit("b"));

        List<Problem.FieldError> problems = JourneyValidator.problems(journey);

        assertEquals(List.of("steps[0] (pick).goal"), problems.stream().map(Problem.FieldError::field).toList());
    }

    @Test
    void unknownPurposeIsRejected() {
        JourneyDefinition journey = new JourneyDefinition("profiling", new JourneyDefinition.Trigger("segment-entered",
                "vip", null, null, null, null, null, null), null, List.of(exit("x")), "profiling");

        List<Problem.FieldError> problems = JourneyValidator.problems(journey);

        assertEquals(List.of("purpose"), problems.stream().map(Problem.FieldError::field).toList());
        assertEquals("profiling", problems.get(0).value());
    }

    @Test
    void recommendedChannelWithContentIsValid() {
        JourneyDefinition journey = segmentJourney("vip", null,
                JourneyFixtures.recommendedSend("hello", List.of("sms", "wecom"), "spring-savings", null));

        assertEquals(List.of(), JourneyValidator.problems(journey));
    }

    @Test
    void sendNeedsChannelAndText() {
        JourneyDefinition journey = segmentJourney("vip", null,
                JourneyFixtures.recommendedSend("one", List.of("sms"), " ", "both"),
                new JourneyDefinition.Step("both", "send", null, "sms", List.of("sms", "slack"), null, "Hi",
                        new JourneyDefinition.Content("spring", null), null, null, null, null, null, null, null, null,
                        null));

        List<Problem.FieldError> problems = JourneyValidator.problems(journey);

        assertEquals(List.of("steps[0] (one).channels", "steps[0] (one).content.campaign", "steps[1] (both).channels",
                "steps[1] (both).content"), problems.stream().map(Problem.FieldError::field).toList());
    }

    @Test
    void smsTextOverMaxSegmentsIsRejected() {
        JourneyDefinition journey = segmentJourney("vip", null,
                JourneyFixtures.smsSend("long", "a".repeat(161), 1, "zero"),
                JourneyFixtures.smsSend("zero", "Hi", 0, "filled"),
                JourneyFixtures.smsSend("filled", "{{firstName}} " + "a".repeat(160), 1, null));

        List<Problem.FieldError> problems = JourneyValidator.problems(journey);

        assertEquals(List.of("steps[0] (long).text", "steps[1] (zero).maxSegments"),
                problems.stream().map(Problem.FieldError::field).toList());
        assertTrue(problems.get(0).message().contains("takes 2 SMS segments (GSM7, 161 units)"),
                problems.get(0).message());
    }
}
