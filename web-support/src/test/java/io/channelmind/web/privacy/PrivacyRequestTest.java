package io.channelmind.web.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class PrivacyRequestTest {

    @Test
    void completeRequestNeedsIdKindAndKey() {
        assertTrue(request("request-1", PrivacyRequest.ERASURE, List.of("crm:1")).isComplete());
        assertFalse(request(null, PrivacyRequest.ERASURE, List.of("crm:1")).isComplete());
        assertFalse(request("request-1", "delete", List.of("crm:1")).isComplete());
        assertFalse(request("request-1", PrivacyRequest.EXPORT, List.of()).isComplete());
        assertFalse(request("request-1", PrivacyRequest.EXPORT, null).isComplete());
    }

    @Test
    void missingHashesAreEmpty() {
        assertEquals(List.of(), request("request-1", PrivacyRequest.EXPORT, List.of("crm:1")).hashes());
    }

    @Test
    void jsonHasOnlyContractFields() throws Exception {
        ObjectMapper mapper = new ObjectMapper().findAndRegisterModules();
        PrivacyRequest request = new PrivacyRequest(PrivacyRequest.SCHEMA_VERSION, "event-1", "request-1",
                PrivacyRequest.ERASURE, List.of("crm:1"), List.of("ab12"), Instant.parse("2026-01-01T00:00:00Z"));

        JsonNode json = mapper.valueToTree(request);

        assertFalse(json.has("complete"), json.toString());
        assertEquals(request, mapper.treeToValue(json, PrivacyRequest.class));
    }

    private static PrivacyRequest request(String requestId, String kind, List<String> profileKeys) {
        return new PrivacyRequest(1, "event-1", requestId, kind, profileKeys, null, null);
    }
}
