package io.channelmind.automation.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.channelmind.automation.client.ProfileClient.Member;

class RecipientRulesTest {

    @ParameterizedTest(name = "{0}: email={1} phone={2} consent={3} -> {4}")
    @CsvSource(delimiter = '|', nullValues = "null", value = {
        "email     | a@x.example | null    | email=true             | send a@x.example",
        "email     | ' '         | +351911 | email=true             | no contact point",
        "email     | null        | +351911 | email=true             | no contact point",
        "email     | a@x.example | null    | email=false            | no consent",
        "email     | a@x.example | null    | sms=true               | no consent",
        "email     | a@x.example | null    | null                   | no consent",
        "EMAIL     | a@x.example | null    | email=true             | send a@x.example",
        "sms       | a@x.example | null    | sms=true               | no contact point",
        "sms       | null        | +351911 | sms=false              | no consent",
        "sms       | null        | +351911 | sms=true               | channel not supported",
        "cellular  | null        | +351911 | cellular=true          | no consent",
        "cellular  | null        | +351911 | sms=true               | no consent",
        "cellular  | null        | +351911 | cellular=true;sms=true | channel not supported",
        "telephone | null        | +351911 | telephone=true;sms=true | channel not supported",
        "social    | a@x.example | +351911 | social=true            | no contact point",
    })
    void rulesDecideInOrder(String channel, String email, String phone, String consent, String expected) {
        Member member = new Member("t:1", email, phone, "Ana", "en", "UTC", consentMap(consent));

        RecipientRules.Decision decision = RecipientRules.decide(channel, member);

        String outcome = decision.skipped() ? decision.skipReason() : "send " + decision.address();
        assertEquals(expected, outcome);
    }

    private static Map<String, Boolean> consentMap(String consent) {
        if (consent == null) {
            return null;
        }
        Map<String, Boolean> map = new java.util.HashMap<>();
        for (String entry : consent.split(";")) {
            String[] parts = entry.split("=");
            map.put(parts[0], Boolean.parseBoolean(parts[1]));
        }
        return map;
    }
}
