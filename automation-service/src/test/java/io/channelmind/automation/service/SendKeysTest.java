package io.channelmind.automation.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.UUID;

import org.junit.jupiter.api.Test;

class SendKeysTest {

    private static final UUID CAMPAIGN = UUID.fromString("8c1f6a2e-0000-4000-8000-000000000001");

    @Test
    void idempotencyKeyEndsWithProfileKey() {
        String key = SendKeys.idempotencyKey(CAMPAIGN, SendKeys.INITIAL_STEP, "bank-marketing:row/17");

        assertEquals("8c1f6a2e-0000-4000-8000-000000000001/initial/bank-marketing:row/17", key);
    }

    @Test
    void tokenStableAndDistinctPerKey() {
        String first = SendKeys.token("a/initial/p1");

        assertEquals(first, SendKeys.token("a/initial/p1"));
        assertNotEquals(first, SendKeys.token("a/initial/p2"));
    }

    @Test
    void addressHashIgnoresCaseAndSpaces() {
        assertEquals(SendKeys.addressHash("shared@x.example"), SendKeys.addressHash(" Shared@X.example "));
        assertNotEquals(SendKeys.addressHash("shared@x.example"), SendKeys.addressHash("other@x.example"));
    }

    @Test
    void redactionRemovesAddresses() {
        String redacted = RecipientProcessor.redact("550 5.1.1 <ana@x.example>: Recipient address rejected");

        assertEquals("550 5.1.1 <<address>>: Recipient address rejected", redacted);
    }
}
