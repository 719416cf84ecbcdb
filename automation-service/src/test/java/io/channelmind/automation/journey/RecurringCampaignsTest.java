package io.channelmind.automation.journey;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.channelmind.automation.journey.JourneyFixtures.MutableClock;
import io.channelmind.web.audit.AuditLog;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class RecurringCampaignsTest {

    @Inject
    DataSource dataSource;

    @Inject
    AuditLog audit;

    private final List<String> launched = new ArrayList<>();
    private final UUID campaignId = UUID.randomUUID();

    /** Returns schedules over the test database that record the launches of this test's campaign only. */
    private RecurringCampaigns recurring(MutableClock clock) {
        return new RecurringCampaigns(dataSource, (campaign, occurrence) -> {
            if (campaign.equals(campaignId)) {
                launched.add(CronOccurrences.key(occurrence));
            }
        }, clock, audit);
    }

    @Test
    void autumnRepeatedHourFiresOnce() {
        // Europe/Paris leaves summer time on 31 October 2027: 02:30 local happens at 00:30Z and at 01:30Z.
        MutableClock clock = new MutableClock(Instant.parse("2027-10-30T12:00:00Z"));
        RecurringCampaigns recurring = recurring(clock);
        RecurringCampaigns.Schedule schedule = recurring.create(campaignId, "30 2 * * *", "Europe/Paris");

        clock.set(Instant.parse("2027-10-31T00:31:00Z"));
        recurring.fireDue();
        List<String> first = List.copyOf(launched);
        recurring.fireDue();
        List<String> again = List.copyOf(launched);
        clock.set(Instant.parse("2027-10-31T01:31:00Z"));
        recurring.fireDue();
        List<String> repeatedHour = List.copyOf(launched);
        clock.set(Instant.parse("2027-11-01T01:31:00Z"));
        recurring.fireDue();

        assertEquals(List.of("2027-10-31T02:30[Europe/Paris]"), first);
        assertEquals(first, again);
        assertEquals(first, repeatedHour);
        assertEquals(List.of("2027-10-31T02:30[Europe/Paris]", "2027-11-01T02:30[Europe/Paris]"), launched);
        assertEquals(launched, recurring.occurrences(schedule.id()));
    }

    @Test
    void springGapRunsAfterChange() {
        // New York skips 02:00-03:00 local on 14 March 2027, so that day's 02:30 runs at 03:30.
        MutableClock clock = new MutableClock(Instant.parse("2027-03-13T00:00:00Z"));
        RecurringCampaigns recurring = recurring(clock);
        RecurringCampaigns.Schedule schedule = recurring.create(campaignId, "30 2 * * *", "America/New_York");

        for (Instant at = Instant.parse("2027-03-13T06:00:00Z"); at.isBefore(Instant.parse("2027-03-16T12:00:00Z"));
                at = at.plusSeconds(1800)) {
            clock.set(at);
            recurring.fireDue();
        }

        List<String> fired = recurring.occurrences(schedule.id());
        assertEquals(List.of("2027-03-13T02:30[America/New_York]", "2027-03-14T03:30[America/New_York]",
                "2027-03-15T02:30[America/New_York]", "2027-03-16T02:30[America/New_York]"), fired);
        assertEquals(fired, launched);
    }

    @Test
    void occurrencesAcrossDstAreDistinctLocalTimes() {
        CronOccurrences paris = CronOccurrences.of("30 2 * * *", ZoneId.of("Europe/Paris"));

        List<String> autumn = paris.between(Instant.parse("2027-10-29T12:00:00Z"), Instant.parse("2027-11-02T12:00:00Z"))
                .stream().map(CronOccurrences::key).toList();

        List<Instant> autumnInstants = paris.between(Instant.parse("2027-10-30T12:00:00Z"), Instant.parse("2027-10-31T12:00:00Z"))
                .stream().map(ZonedDateTime::toInstant).toList();
        List<String> spring = paris.between(Instant.parse("2027-03-27T12:00:00Z"), Instant.parse("2027-03-29T12:00:00Z"))
                .stream().map(CronOccurrences::key).toList();

        assertEquals(List.of("2027-10-30T02:30[Europe/Paris]", "2027-10-31T02:30[Europe/Paris]",
                "2027-11-01T02:30[Europe/Paris]", "2027-11-02T02:30[Europe/Paris]"), autumn);
        assertEquals(List.of(Instant.parse("2027-10-31T00:30:00Z")), autumnInstants);
        assertEquals(List.of("2027-03-28T03:30[Europe/Paris]", "2027-03-29T02:30[Europe/Paris]"), spring);
    }
}
