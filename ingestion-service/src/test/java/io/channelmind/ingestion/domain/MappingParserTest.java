package io.channelmind.ingestion.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import io.channelmind.ingestion.service.MappingRegistry;

class MappingParserTest {

    @Test
    void builtInMappingsAreValid() {
        assertEquals("channelmind-demo", MappingRegistry.loadBuiltIn("channelmind-demo").name());
        assertEquals("bank-marketing", MappingRegistry.loadBuiltIn("bank-marketing").name());
    }

    @Test
    void bankMappingNeverReadsDuration() {
        MappingDefinition bank = MappingRegistry.loadBuiltIn("bank-marketing");

        assertTrue(bank.fields().values().stream().noneMatch(field -> field.column().equals("duration")));
    }

    @Test
    void unknownFieldReferenceIsReported() {
        String json = """
                {"name": "x", "profileKey": {"namespace": "x", "field": "id"},
                 "fields": {"id": {"column": "id", "type": "string"}},
                 "events": [{"type": "contact", "channel": "chanel"}]}
                """;

        String message = invalid(json);

        assertTrue(message.contains("events[0].channel: unknown field 'chanel'"), message);
    }

    @Test
    void misspelledPropertyIsReported() {
        String json = """
                {"name": "x", "fields": {"id": {"column": "id", "type": "string", "requried": true}}, "events": []}
                """;

        assertTrue(invalid(json).contains("requried"));
    }

    @Test
    void wrongFieldTypeForAttributeIsReported() {
        String json = """
                {"name": "x", "profileKey": {"namespace": "x", "rowNumberPrefix": "row-"},
                 "fields": {"when": {"column": "when", "type": "string"}, "channel": {"column": "c", "type": "channel"}},
                 "events": [{"type": "contact", "channel": "channel", "occurredAt": "when"}]}
                """;

        assertTrue(invalid(json).contains("events[0].occurredAt: field 'when' has type string"));
    }

    @Test
    void invalidDefaultsAreReported() {
        String json = """
                {"name": "x", "defaults": {"timeZone": "Mars/Base", "currency": "XYZ1"},
                 "fields": {"a": {"column": "a", "type": "string"}}, "events": []}
                """;

        String message = invalid(json);

        assertTrue(message.contains("defaults.timeZone: 'Mars/Base'"), message);
        assertTrue(message.contains("defaults.currency: 'XYZ1'"), message);
        assertTrue(message.contains("events: define at least one event"), message);
    }

    @Test
    void profileKeyNeedsOneSource() {
        String json = """
                {"name": "x", "profileKey": {"namespace": "x"},
                 "fields": {"a": {"column": "a", "type": "string"}},
                 "events": [{"type": "identify", "traits": {"a": "a"}}]}
                """;

        assertTrue(invalid(json).contains("set exactly one of 'field' and 'rowNumberPrefix'"));
    }

    private static String invalid(String json) {
        return assertThrows(MappingParser.InvalidMappingException.class,
                () -> MappingParser.parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "test.json"))
                .getMessage();
    }
}
