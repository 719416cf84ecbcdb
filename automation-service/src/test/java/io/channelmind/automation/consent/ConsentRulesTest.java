package io.channelmind.automation.consent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class ConsentRulesTest {

    @Test
    void phoneChannelsAlsoCheckSms() {
        assertEquals(new ConsentRules.Channels("cellular", "sms"), ConsentRules.Channels.of("Cellular"));
        assertEquals(new ConsentRules.Channels("sms", "sms"), ConsentRules.Channels.of("sms"));
        assertEquals(new ConsentRules.Channels("email", "email"), ConsentRules.Channels.of("email"));
    }

    @Test
    void skipReasonPerState() {
        assertEquals("do-not-contact (manual)",
                ConsentRules.skipReason(new ConsentStates.State("manual", "confirmed"), "marketing"));
        assertEquals("consent withdrawn (marketing)",
                ConsentRules.skipReason(new ConsentStates.State(null, "withdrawn"), "marketing"));
        assertEquals("consent pending (transactional)",
                ConsentRules.skipReason(new ConsentStates.State(null, "pending"), "transactional"));
        assertNull(ConsentRules.skipReason(new ConsentStates.State(null, "confirmed"), "marketing"));
        assertNull(ConsentRules.skipReason(new ConsentStates.State(null, null), "marketing"));
    }
}
