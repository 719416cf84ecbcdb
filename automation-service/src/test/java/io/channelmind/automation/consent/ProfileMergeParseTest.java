package io.channelmind.automation.consent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class ProfileMergeParseTest {

    @Test
    void mergeParsed() {
        ProfileMerge merge = ProfileMerge.parse("""
                {"schemaVersion": 1, "eventId": "merge:e1:web:anon-1", "survivingProfileKey": "web:u-1",
                 "mergedProfileKey": "web:anon-1", "reason": "alias", "causeEventId": "e1",
                 "occurredAt": "2030-01-02T03:04:00Z", "mergedAt": "2030-01-02T03:04:05Z", "addedLater": 1}""");

        assertEquals("merge:e1:web:anon-1", merge.eventId());
        assertEquals("web:u-1", merge.survivingProfileKey());
        assertEquals("web:anon-1", merge.mergedProfileKey());
        assertEquals(Instant.parse("2030-01-02T03:04:05Z"), merge.mergedAt());
    }

    @Test
    void invalidMergesNameField() {
        String[][] cases = {
                { "{not json", "not valid JSON" },
                { "{\"schemaVersion\": 2}", "schemaVersion 2" },
                { "{\"schemaVersion\": 1, \"eventId\": \"m\", \"mergedProfileKey\": \"b\", \"mergedAt\": \"2030-01-01T00:00:00Z\"}",
                        "survivingProfileKey" },
                { "{\"schemaVersion\": 1, \"eventId\": \"m\", \"survivingProfileKey\": \"a\", \"mergedAt\": \"2030-01-01T00:00:00Z\"}",
                        "mergedProfileKey" },
                { "{\"schemaVersion\": 1, \"eventId\": \"m\", \"survivingProfileKey\": \"a\", \"mergedProfileKey\": \"b\","
                        + " \"mergedAt\": \"soon\"}", "mergedAt" },
                { "{\"schemaVersion\": 1, \"eventId\": \"m\", \"survivingProfileKey\": \"a\", \"mergedProfileKey\": \"a\","
                        + " \"mergedAt\": \"2030-01-01T00:00:00Z\"}", "equals survivingProfileKey" },
        };
        for (String[] invalid : cases) {
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> ProfileMerge.parse(invalid[0]), invalid[0]);
            assertTrue(error.getMessage().contains(invalid[1]), error.getMessage());
        }
    }
}
