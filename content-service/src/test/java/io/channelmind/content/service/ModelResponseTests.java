package io.channelmind.content.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.channelmind.content.domain.AudienceSummary;
import io.channelmind.content.domain.ChannelFormat;
import io.channelmind.content.domain.CopyBrief;
import io.channelmind.content.domain.CopyLocale;
import io.channelmind.content.domain.CopySpec;

class ModelResponseTests {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final CopySpec SMS = new CopySpec(null, null, "sms", ChannelFormat.SMS, CopyLocale.EN,
            new CopyBrief("Wealth Plus", "3.5% a year", null, null), AudienceSummary.unknown());

    @Test
    void responseInCodeFenceIsParsed() {
        String raw = "```json\n{\"subject\": null, \"body\": \"Wealth Plus: 3.5% a year. Reply STOP to opt out\"}\n```";

        ModelResponse response = ModelResponse.check(SMS, raw, JSON);

        assertTrue(response.accepted());
    }

    @Test
    void subjectIsDroppedOutsideEmail() {
        String raw = "{\"subject\": \"Hello\", \"body\": \"Wealth Plus: 3.5% a year. Reply STOP to opt out\"}";

        ModelResponse response = ModelResponse.check(SMS, raw, JSON);

        assertNull(response.draft().orElseThrow().subject());
    }

    @Test
    void proseIsInvalidJson() {
        ModelResponse response = ModelResponse.check(SMS, "Here is your SMS: Wealth Plus!", JSON);

        assertFalse(response.parsed());
        assertEquals(List.of(ModelResponse.INVALID_JSON), response.violations());
    }

    @Test
    void missingBodyIsInvalidJson() {
        ModelResponse response = ModelResponse.check(SMS, "{\"subject\": \"Hello\"}", JSON);

        assertFalse(response.parsed());
    }

    @Test
    void missingOptOutIsViolation() {
        ModelResponse response = ModelResponse.check(SMS, "{\"body\": \"Wealth Plus: 3.5% a year.\"}", JSON);

        assertEquals(1, response.violations().size());
    }

    @Test
    void claimIsReportedApart() {
        ModelResponse response = ModelResponse.check(SMS, "{\"body\": \"The best rate: 3.5% a year. Reply STOP to opt out\"}", JSON);

        assertEquals(List.of("best"), response.claims());
        assertTrue(response.violations().isEmpty());
    }
}
