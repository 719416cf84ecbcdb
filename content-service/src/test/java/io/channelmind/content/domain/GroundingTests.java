package io.channelmind.content.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GroundingTests {

    private static final CopyBrief BRIEF = new CopyBrief("Wealth Plus", "3.5% a year on 1,000 CNY or more",
            "Apply now", "https://bank.example/wealth?c=7");

    @Test
    void numbersFromBriefPass() {
        assertTrue(Grounding.violations(BRIEF, "Earn 3.5% a year from 1000 CNY: https://bank.example/wealth?c=7").isEmpty());
    }

    @Test
    void inventedNumberIsReported() {
        assertEquals(1, Grounding.violations(BRIEF, "Earn 4.5% a year").size());
    }

    @Test
    void inventedLinkIsReported() {
        assertEquals(1, Grounding.violations(BRIEF, "Apply at https://other.example/apply.").size());
    }

    @Test
    void inventedEmailAddressIsReported() {
        assertEquals(1, Grounding.violations(BRIEF, "Write to help@bank.example").size());
    }
}
