package io.channelmind.content.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;

class OutputSchemaTests {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void jsonSchemaModeCarriesSchema() {
        ResponseFormat format = OutputSchema.responseFormat("json_schema", OutputSchema.COPY);

        assertEquals(ResponseFormatType.JSON, format.type());
        assertEquals("marketing_copy", format.jsonSchema().name());
    }

    @Test
    void jsonObjectModeHasNoSchema() {
        ResponseFormat format = OutputSchema.responseFormat("json_object", OutputSchema.COPY);

        assertEquals(ResponseFormatType.JSON, format.type());
        assertNull(format.jsonSchema());
    }

    @Test
    void textModeSendsNoFormat() {
        assertNull(OutputSchema.responseFormat("text", OutputSchema.COPY));
    }

    @Test
    void conformingCopyHasNoViolation() throws JsonProcessingException {
        assertEquals(List.of(), violations("{\"subject\": null, \"body\": \"Hi\"}"));
        assertEquals(List.of(), violations("{\"subject\": \"Hello\", \"body\": \"Hi\"}"));
    }

    @Test
    void everyMismatchIsNamedByPath() throws JsonProcessingException {
        List<String> violations = violations("{\"subject\": 7, \"extra\": true}");

        assertEquals(List.of("$ lacks the member \"body\"; include it.",
                "$ has the member \"extra\", which the schema does not allow; remove it.",
                "$.subject is a number; write a string or null."), violations);
    }

    @Test
    void arrayIsNotAnObject() throws JsonProcessingException {
        assertEquals(List.of("$ is an array; answer with one JSON object."), violations("[\"Hi\"]"));
    }

    private static List<String> violations(String json) throws JsonProcessingException {
        return OutputSchema.violations(OutputSchema.COPY, JSON.readTree(json));
    }
}
