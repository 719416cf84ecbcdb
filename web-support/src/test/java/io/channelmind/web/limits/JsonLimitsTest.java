package io.channelmind.web.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The customizer's limits, and the mapping of Jackson's messages back to the limit that was broken. */
class JsonLimitsTest {

    /** The defaults of {@link JsonLimitsConfig}. */
    private static final JsonLimitsConfig DEFAULTS = new JsonLimitsConfig() {
        @Override
        public int maxNestingDepth() {
            return 64;
        }

        @Override
        public int maxStringLength() {
            return 262_144;
        }

        @Override
        public int maxNameLength() {
            return 1024;
        }

        @Override
        public int maxNumberLength() {
            return 100;
        }
    };

    private static ObjectMapper mapper() {
        ObjectMapper mapper = new ObjectMapper();
        new JsonLimitsCustomizer(DEFAULTS).customize(mapper);
        return mapper;
    }

    @ParameterizedTest
    @CsvSource({"depth, NESTING_DEPTH", "string, STRING_LENGTH", "name, NAME_LENGTH", "number, NUMBER_LENGTH"})
    void brokenLimitRecognised(String kind, JsonLimit expected) {
        String json = switch (kind) {
            case "depth" -> "[".repeat(65) + "]".repeat(65);
            case "string" -> "{\"a\":\"" + "x".repeat(262_145) + "\"}";
            case "name" -> "{\"" + "n".repeat(1025) + "\":1}";
            default -> "{\"a\":" + "9".repeat(101) + "}";
        };

        StreamConstraintsException error = assertThrows(StreamConstraintsException.class,
                () -> mapper().readTree(json));

        assertEquals(Optional.of(expected), JsonLimit.of(error));
    }

    @Test
    void documentAtLimitsParses() throws Exception {
        String json = "{\"a\":" + "[".repeat(63) + "\"" + "x".repeat(262_144) + "\"" + "]".repeat(63) + "}";

        JsonNode node = mapper().readTree(json);

        assertEquals(1, node.size());
    }

    @Test
    void limitKeyNamed() {
        assertEquals("channelmind.json.max-nesting-depth", JsonLimit.NESTING_DEPTH.key());
    }
}
