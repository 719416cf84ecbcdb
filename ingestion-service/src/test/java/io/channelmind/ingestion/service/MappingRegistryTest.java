package io.channelmind.ingestion.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.channelmind.ingestion.config.IngestionConfig;

class MappingRegistryTest {

    private static final String GBK_MAPPING = """
            {"name": "crm-gbk", "format": {"charset": "GBK"},
             "profileKey": {"namespace": "crm", "field": "id"},
             "fields": {"id": {"column": "会员号", "type": "string", "required": true}},
             "events": [{"type": "identify", "traits": {"memberId": "id"}}]}
            """;

    @TempDir
    Path directory;

    @Test
    void directoryMappingsAreAdded() throws IOException {
        Files.writeString(directory.resolve("crm-gbk.json"), GBK_MAPPING);

        MappingRegistry registry = new MappingRegistry(config(Optional.of(directory)));

        assertEquals(List.of("bank-marketing", "channelmind-demo", "crm-gbk"), registry.names());
        assertEquals("GBK", registry.find("crm-gbk").orElseThrow().format().charset());
    }

    @Test
    void duplicateMappingNameStopsStartup() throws IOException {
        Files.writeString(directory.resolve("copy.json"), GBK_MAPPING.replace("crm-gbk", "bank-marketing"));

        IllegalStateException error = assertThrows(IllegalStateException.class,
                () -> new MappingRegistry(config(Optional.of(directory))));

        assertTrue(error.getMessage().contains("'bank-marketing'"));
    }

    @Test
    void builtInMappingsLoadWithoutDirectory() {
        MappingRegistry registry = new MappingRegistry(config(Optional.empty()));

        assertEquals(List.of("bank-marketing", "channelmind-demo"), registry.names());
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"channelmind-demo", "bank-marketing", "online-retail",
        "customer-list", "ad-platform-cost", "ad-platform-weekly-cost", "email-provider-report",
        "offer-catalogue"})
    void presetLoads(String name) {
        assertEquals(name, MappingRegistry.loadBuiltIn(name).name());
    }

    private static IngestionConfig config(Optional<Path> directory) {
        IngestionConfig.Mappings mappings = new IngestionConfig.Mappings() {
            @Override
            public List<String> builtIn() {
                return List.of("channelmind-demo", "bank-marketing");
            }

            @Override
            public Optional<Path> directory() {
                return directory;
            }
        };
        return new IngestionConfig() {
            @Override
            public Mappings mappings() {
                return mappings;
            }

            @Override
            public Imports imports() {
                throw new UnsupportedOperationException("not used by MappingRegistry");
            }

            @Override
            public Producer producer() {
                throw new UnsupportedOperationException("not used by MappingRegistry");
            }

            @Override
            public Tracking tracking() {
                throw new UnsupportedOperationException("not used by MappingRegistry");
            }

            @Override
            public Cleaning cleaning() {
                throw new UnsupportedOperationException("not used by MappingRegistry");
            }

            @Override
            public PersonalData personalData() {
                throw new UnsupportedOperationException("not used by MappingRegistry");
            }
        };
    }
}
