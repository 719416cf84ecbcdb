package io.channelmind.automation.consent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class ConsentChangeTest {

    private static final String AT = "2030-01-02T03:04:05Z";

    @Test
    void consentChangeParsed() {
        ConsentChange change = ConsentChange.parse("""
                {"schemaVersion": 1, "eventId": "consent:1", "profileKey": "p1", "channel": "Email",
                 "doNotContact": false, "reason": null, "at": "%s", "purpose": "marketing", "state": "withdrawn",
                 "actor": "crm", "note": "phone call", "addedLater": true}""".formatted(AT));

        assertEquals(ConsentChange.Kind.CONSENT, change.kind());
        assertEquals("consent:1", change.eventId());
        assertEquals("p1", change.profileKey());
        assertEquals("email", change.channel());
        assertEquals("marketing", change.purpose());
        assertEquals("withdrawn", change.state());
        assertEquals(Instant.parse(AT), change.at());
    }

    @Test
    void manualMarkCoversEveryChannel() {
        ConsentChange change = ConsentChange.parse("""
                {"schemaVersion": 1, "eventId": "dnc-api:1", "profileKey": "p1", "channel": null,
                 "doNotContact": true, "reason": "manual", "at": "%s"}""".formatted(AT));

        assertEquals(ConsentChange.Kind.MARK, change.kind());
        assertNull(change.channel());
        assertEquals("manual", change.reason());
    }

    @Test
    void markWithoutReasonStillMarks() {
        ConsentChange change = ConsentChange.parse("""
                {"schemaVersion": 1, "eventId": "dnc:9", "profileKey": "p1", "channel": "email",
                 "doNotContact": true, "at": "%s"}""".formatted(AT));

        assertEquals(ConsentChange.Kind.MARK, change.kind());
        assertEquals(ConsentChange.UNSPECIFIED_REASON, change.reason());
    }

    @Test
    void clearParsed() {
        ConsentChange change = ConsentChange.parse("""
                {"schemaVersion": 1, "eventId": "dnc-api:2", "profileKey": "p1", "doNotContact": false,
                 "at": "%s"}""".formatted(AT));

        assertEquals(ConsentChange.Kind.CLEAR, change.kind());
        assertNull(change.reason());
    }

    @Test
    void invalidMessagesNameField() {
        String[][] cases = {
                { "{not json", "not valid JSON" },
                { "[]", "not a JSON object" },
                { "{\"schemaVersion\": 2}", "schemaVersion 2" },
                { "{\"schemaVersion\": 1, \"profileKey\": \"p\", \"at\": \"" + AT + "\"}", "eventId" },
                { "{\"schemaVersion\": 1, \"eventId\": \"e\", \"at\": \"" + AT + "\"}", "profileKey" },
                { "{\"schemaVersion\": 1, \"eventId\": \"e\", \"profileKey\": \"p\", \"at\": \"yesterday\"}", "at" },
                { "{\"schemaVersion\": 1, \"eventId\": \"e\", \"profileKey\": \"p\", \"at\": \"" + AT
                        + "\", \"purpose\": \"marketing\", \"state\": \"withdrawn\"}", "channel" },
                { "{\"schemaVersion\": 1, \"eventId\": \"e\", \"profileKey\": \"p\", \"at\": \"" + AT
                        + "\", \"channel\": \"email\", \"purpose\": \"marketing\", \"state\": \"granted\"}", "state" },
        };
        for (String[] invalid : cases) {
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> ConsentChange.parse(invalid[0]), invalid[0]);
            assertTrue(error.getMessage().contains(invalid[1]), error.getMessage());
        }
    }
}
