package io.channelmind.web.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class AuditRedactionTest {

    private final AuditRedaction redaction = new AuditRedaction(new ObjectMapper());

    record Source(String id, String name, String writeKey, String writeKeyPrefix, String writeKeyId) {
    }

    @Test
    void writeKeyRedactedButIdKept() {
        JsonNode redacted = redaction.redact(new Source("s1", "Shop", "wk_secret123", "wk_sec", "k1"));

        assertEquals(AuditRedaction.REDACTED, redacted.get("writeKey").asText());
        assertEquals("wk_sec", redacted.get("writeKeyPrefix").asText());
        assertEquals("k1", redacted.get("writeKeyId").asText());
        assertEquals("Shop", redacted.get("name").asText());
        assertFalse(redacted.toString().contains("wk_secret123"));
    }

    @Test
    void contactPointsRedactedByName() {
        JsonNode redacted = redaction.redact(Map.of("email", "x", "phone", "y", "channel", "email"));

        assertEquals(AuditRedaction.REDACTED, redacted.get("email").asText());
        assertEquals(AuditRedaction.REDACTED, redacted.get("phone").asText());
        assertEquals("email", redacted.get("channel").asText(), "a channel name is not a contact point");
    }

    @Test
    void contactPointsRedactedByValue() {
        JsonNode redacted = redaction.redact(Map.of("notes", List.of("ann@example.com", "+8613800138000", "plain")));

        assertEquals(AuditRedaction.REDACTED, redacted.get("notes").get(0).asText());
        assertEquals(AuditRedaction.REDACTED, redacted.get("notes").get(1).asText());
        assertEquals("plain", redacted.get("notes").get(2).asText());
    }

    @Test
    void nestedSecretsRedacted() {
        JsonNode redacted = redaction.redact(Map.of("connector", Map.of("apiKey", "k", "password", "p", "url", "u")));

        assertEquals(AuditRedaction.REDACTED, redacted.get("connector").get("apiKey").asText());
        assertEquals(AuditRedaction.REDACTED, redacted.get("connector").get("password").asText());
        assertEquals("u", redacted.get("connector").get("url").asText());
    }

    @Test
    void nullStaysNull() {
        assertNull(redaction.redact(null));
    }
}
