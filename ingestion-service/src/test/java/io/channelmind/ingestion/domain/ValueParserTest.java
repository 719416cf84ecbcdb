package io.channelmind.ingestion.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.channelmind.ingestion.service.MappingRegistry;

class ValueParserTest {

    private static final MappingDefinition DEMO = MappingRegistry.loadBuiltIn("channelmind-demo");
    private static final ValueParser PARSER = new ValueParser(DEMO, new io.channelmind.ingestion.cleaning.CleaningStats());

    @Test
    void emailIsTrimmedAndLowerCased() {
        assertEquals("li.wei@example.com", parse("email", "  Li.Wei@Example.COM "));
    }

    @Test
    void invalidEmailIsRejected() {
        for (String email : List.of("li.wei", "li@", "@example.com", "li wei@example.com", "li@example")) {
            RowRejectedException error = assertThrows(RowRejectedException.class, () -> parse("email", email), email);
            assertEquals("email", error.column());
            assertEquals(email, error.value());
        }
    }

    @Test
    void phoneBecomesE164() {
        assertEquals("+8613800138000", parse("phone", "+86 138 0013 8000"));
        assertEquals("+8613800138000", parse("phone", "138-0013-8000"));
        assertEquals("+4915123456789", parse("phone", "+49 151 23456789"));
    }

    @Test
    void invalidPhoneIsRejected() {
        RowRejectedException error = assertThrows(RowRejectedException.class, () -> parse("phone", "12345"));

        assertTrue(error.reason().contains("phone number"));
    }

    @Test
    void timestampKeepsOffsetAndConvertsToUtc() {
        ZonedDateTime withOffset = (ZonedDateTime) parse("occurredAt", "2024-05-01T08:30:00+08:00");
        ZonedDateTime withoutOffset = (ZonedDateTime) parse("occurredAt", "2024-05-01 08:30:00");

        assertEquals("2024-05-01T00:30:00Z", withOffset.toInstant().toString());
        assertEquals(LocalDate.of(2024, 5, 1), withOffset.toLocalDate());
        assertEquals("2024-05-01T00:30:00Z", withoutOffset.toInstant().toString());
    }

    @Test
    void utcDesignatorIsAccepted() {
        assertEquals("2024-05-03T12:15:30Z", ((ZonedDateTime) parse("occurredAt", "2024-05-03T12:15:30Z")).toInstant().toString());
    }

    @Test
    void decimalAndMinimumAreChecked() {
        assertEquals(new BigDecimal("199.00"), parse("value", "199.00"));
        assertThrows(RowRejectedException.class, () -> parse("value", "-1"));
        assertThrows(RowRejectedException.class, () -> parse("value", "1,000"));
    }

    @Test
    void currencyIsUpperCasedAndChecked() {
        assertEquals("CNY", parse("currency", "cny"));
        assertThrows(RowRejectedException.class, () -> parse("currency", "RMB"));
    }

    @Test
    void booleanAcceptsOnlyConfiguredValues() {
        assertEquals(Boolean.TRUE, parse("consentEmail", "TRUE"));
        assertEquals(Boolean.FALSE, parse("consentEmail", "false"));
        assertThrows(RowRejectedException.class, () -> parse("consentEmail", "yes"));
    }

    @Test
    void localeAndTimeZoneAreNormalised() {
        assertEquals("zh-CN", parse("locale", "zh_CN"));
        assertEquals("Asia/Shanghai", parse("timeZone", "Asia/Shanghai"));
        assertThrows(RowRejectedException.class, () -> parse("timeZone", "China Time"));
    }

    @Test
    void channelIsNormalisedWithAliases() {
        assertEquals("email", parse("channel", " E-Mail "));
        assertEquals("sms", parse("channel", "SMS"));
        assertEquals("wechat", parse("channel", "Weixin"));
    }

    @Test
    void blankValueIsAbsent() {
        assertNull(parse("email", "   "));
    }

    @Test
    void allowedValuesAreEnforced() {
        RowRejectedException error = assertThrows(RowRejectedException.class, () -> parse("event", "purchase"));

        assertTrue(error.reason().contains("customer, contact, conversion, spend"));
    }

    private static Object parse(String field, String raw) {
        return PARSER.parse(DEMO.fields().get(field), raw);
    }
}
