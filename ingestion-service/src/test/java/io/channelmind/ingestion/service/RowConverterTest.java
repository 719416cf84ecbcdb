package io.channelmind.ingestion.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.channelmind.ingestion.domain.HeaderMismatchException;
import io.channelmind.ingestion.domain.MappingDefinition;
import io.channelmind.ingestion.domain.RowRejectedException;
import io.channelmind.ingestion.messaging.CustomerEvent;
import io.channelmind.ingestion.messaging.OutboundMessage;
import io.channelmind.ingestion.messaging.SpendEvent;
import io.channelmind.ingestion.messaging.Topics;

class RowConverterTest {

    private static final Instant IMPORTED_AT = Instant.parse("2024-09-01T00:00:00Z");
    private static final List<String> BANK_HEADER = List.of("age", "job", "marital", "education", "default", "housing",
            "loan", "contact", "duration", "y");
    private static final List<String> DEMO_HEADER = List.of("customer_id", "first_name", "email", "phone", "locale",
            "time_zone", "consent_email", "consent_sms", "event", "channel", "campaign", "occurred_at", "value", "currency");

    @Test
    void bankRowWithoutSubscriptionHasNoConversion() {
        List<OutboundMessage> messages = bank().convert(7, row("30", "services", "single", "high.school", "no", "no", "no",
                "telephone", "100", "no"));

        assertEquals(List.of("identify", "contact"), types(messages));
        CustomerEvent identify = (CustomerEvent) messages.get(0).payload();
        assertEquals("bank-marketing:row-7", identify.profileKey());
        assertEquals(IMPORTED_AT, identify.occurredAt());
        assertEquals(30L, identify.traits().get("age"));
        assertEquals("bank-marketing:row-7", messages.get(1).key());
    }

    @Test
    void unknownBankChannelGivesNoContact() {
        List<OutboundMessage> messages = bank().convert(3, row("33", "admin.", "divorced", "high.school", "unknown", "yes",
                "yes", "unknown", "120", "yes"));

        assertEquals(List.of("identify", "conversion"), types(messages));
        assertNull(((CustomerEvent) messages.get(1).payload()).channel());
    }

    @Test
    void identifyPrecedesOtherEventsOfRow() {
        List<OutboundMessage> messages = bank().convert(1, row("41", "technician", "single", "university.degree", "no",
                "yes", "no", "cellular", "340", "yes"));

        assertEquals(List.of("identify", "contact", "conversion"), types(messages));
    }

    @Test
    void spendDateIsLocalDayOfTimestamp() {
        List<OutboundMessage> messages = demo().convert(5, demoRow("", "spend", "SMS", "2024-05-01T00:30:00+08:00", "10", ""));

        SpendEvent spend = (SpendEvent) messages.get(0).payload();
        assertEquals(Topics.SPEND, messages.get(0).topic());
        assertEquals("sms", messages.get(0).key());
        assertEquals("2024-05-01", spend.date().toString());
        assertEquals("CNY", spend.currency());
    }

    @Test
    void missingCustomerIdRejectsCustomerRows() {
        RowRejectedException error = assertThrows(RowRejectedException.class,
                () -> demo().convert(2, demoRow("", "contact", "sms", "2024-05-01T00:30:00Z", "", "")));

        assertEquals("customer_id", error.column());
        assertTrue(error.reason().contains("contact rows need it"));
    }

    @Test
    void spendWithoutCostIsRejected() {
        RowRejectedException error = assertThrows(RowRejectedException.class,
                () -> demo().convert(2, demoRow("", "spend", "sms", "2024-05-01T00:30:00Z", "", "")));

        assertEquals("value", error.column());
    }

    @Test
    void eventIdsAreDeterministic() {
        List<String> row = demoRow("c-9", "contact", "sms", "2024-05-01T00:30:00Z", "", "");

        String first = ((CustomerEvent) demo().convert(4, row).get(0).payload()).eventId();
        String again = ((CustomerEvent) demo().convert(4, row).get(0).payload()).eventId();
        String otherRow = ((CustomerEvent) demo().convert(5, row).get(0).payload()).eventId();

        assertEquals(first, again);
        assertTrue(!first.equals(otherRow));
    }

    @Test
    void missingColumnsAreAllReported() {
        HeaderMismatchException error = assertThrows(HeaderMismatchException.class,
                () -> RowConverter.bind(MappingRegistry.loadBuiltIn("bank-marketing"), List.of("age", "job", "y"), context()));

        assertEquals(List.of("marital", "education", "default", "housing", "loan", "contact"), error.missingColumns());
    }

    @Test
    void duplicateMappedColumnIsReported() {
        List<String> header = new java.util.ArrayList<>(BANK_HEADER);
        header.add("y");

        HeaderMismatchException error = assertThrows(HeaderMismatchException.class,
                () -> RowConverter.bind(MappingRegistry.loadBuiltIn("bank-marketing"), header, context()));

        assertEquals(List.of("y"), error.duplicateColumns());
    }

    private static RowConverter bank() {
        MappingDefinition mapping = MappingRegistry.loadBuiltIn("bank-marketing");
        return RowConverter.bind(mapping, BANK_HEADER, context());
    }

    private static RowConverter demo() {
        return RowConverter.bind(MappingRegistry.loadBuiltIn("channelmind-demo"), DEMO_HEADER, context());
    }

    private static ImportContext context() {
        return new ImportContext("11111111-2222-3333-4444-555555555555", IMPORTED_AT, null);
    }

    private static List<String> demoRow(String customerId, String event, String channel, String occurredAt, String value,
            String currency) {
        return List.of(customerId, "", "", "", "", "", "", "", event, channel, "spring", occurredAt, value, currency);
    }

    private static List<String> row(String... values) {
        return Arrays.asList(values);
    }

    private static List<String> types(List<OutboundMessage> messages) {
        return messages.stream()
                .map(message -> ((CustomerEvent) message.payload()).type())
                .toList();
    }
}
