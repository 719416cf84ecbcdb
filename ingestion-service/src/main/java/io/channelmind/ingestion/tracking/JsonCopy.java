package io.channelmind.ingestion.tracking;

import java.io.ByteArrayOutputStream;
import java.io.IOException;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The buffer into which one tracking request copies the JSON objects of its calls as compact
 * UTF-8, token by token, so no tree is built for them. Numbers and strings are written as
 * Jackson writes the nodes that {@link ObjectMapper#readTree} would build: the same text as
 * serialising the tree, except that a repeated field name is kept twice instead of once with
 * its last value.
 */
final class JsonCopy {

    private final Output output = new Output();
    private final JsonGenerator generator;
    private final boolean bigDecimalFloats;

    JsonCopy(ObjectMapper objectMapper, int expectedBytes) throws IOException {
        this.generator = objectMapper.createGenerator(output);
        // Each copied object is a root value, and the default separator between them is a space.
        this.generator.setRootValueSeparator(null);
        this.bigDecimalFloats = objectMapper.isEnabled(
                com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
        output.ensure(expectedBytes);
    }

    /** Copies the object at the parser's current {@code START_OBJECT} token. */
    CompactObject copyObject(JsonParser parser) throws IOException {
        int start = position();
        copyValue(parser);
        return end(start);
    }

    /**
     * Copies the {@code context} object at the parser's current {@code START_OBJECT} token and
     * reads the fields that the channel mapping needs on the way.
     */
    CallContext copyContext(JsonParser parser) throws IOException {
        int start = position();
        String[] campaign = new String[CallContext.CAMPAIGN_FIELDS.length];
        String[] page = new String[CallContext.PAGE_FIELDS.length];
        generator.writeStartObject();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            generator.writeFieldName(name);
            if ("campaign".equals(name)) {
                copyReading(parser, value, CallContext.CAMPAIGN_FIELDS, campaign);
            } else if ("page".equals(name)) {
                copyReading(parser, value, CallContext.PAGE_FIELDS, page);
            } else {
                copyValue(parser);
            }
        }
        generator.writeEndObject();
        return new CallContext(end(start), campaign, page);
    }

    /** Writes a tree, such as a merged context, into the buffer. */
    CompactObject write(JsonNode tree) throws IOException {
        int start = position();
        generator.writeTree(tree);
        return end(start);
    }

    byte[] array() {
        return output.array();
    }

    /**
     * Copies a value and, when it is an object, keeps the string values of its top-level
     * {@code fields} in {@code values}; as in a tree, a repeated field counts with its last value.
     */
    private void copyReading(JsonParser parser, JsonToken value, String[] fields, String[] values) throws IOException {
        java.util.Arrays.fill(values, null);
        if (value != JsonToken.START_OBJECT) {
            copyValue(parser);
            return;
        }
        generator.writeStartObject();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken fieldValue = parser.nextToken();
            generator.writeFieldName(name);
            for (int i = 0; i < fields.length; i++) {
                if (fields[i].equals(name)) {
                    values[i] = fieldValue == JsonToken.VALUE_STRING ? parser.getText() : null;
                }
            }
            copyValue(parser);
        }
        generator.writeEndObject();
    }

    /** Copies the value at the parser's current token, and everything inside it when it is an object or array. */
    private void copyValue(JsonParser parser) throws IOException {
        int depth = 0;
        do {
            JsonToken token = parser.currentToken();
            switch (token) {
                case START_OBJECT -> {
                    generator.writeStartObject();
                    depth++;
                }
                case START_ARRAY -> {
                    generator.writeStartArray();
                    depth++;
                }
                case END_OBJECT -> {
                    generator.writeEndObject();
                    depth--;
                }
                case END_ARRAY -> {
                    generator.writeEndArray();
                    depth--;
                }
                case FIELD_NAME -> generator.writeFieldName(parser.currentName());
                case VALUE_STRING -> generator.writeString(parser.getTextCharacters(), parser.getTextOffset(),
                        parser.getTextLength());
                case VALUE_NUMBER_INT -> copyInteger(parser);
                case VALUE_NUMBER_FLOAT -> copyFloat(parser);
                case VALUE_TRUE -> generator.writeBoolean(true);
                case VALUE_FALSE -> generator.writeBoolean(false);
                case VALUE_NULL -> generator.writeNull();
                default -> throw new IllegalStateException("JSON text has no token " + token);
            }
            if (depth > 0) {
                parser.nextToken();
            }
        } while (depth > 0);
    }

    private void copyInteger(JsonParser parser) throws IOException {
        switch (parser.getNumberType()) {
            case INT -> generator.writeNumber(parser.getIntValue());
            case LONG -> generator.writeNumber(parser.getLongValue());
            default -> generator.writeNumber(parser.getBigIntegerValue());
        }
    }

    /** Writes a fraction as the tree would hold it: a double, or a BigDecimal when the mapper reads floats so. */
    private void copyFloat(JsonParser parser) throws IOException {
        if (bigDecimalFloats || parser.getNumberType() == JsonParser.NumberType.BIG_DECIMAL) {
            generator.writeNumber(parser.getDecimalValue());
        } else {
            generator.writeNumber(parser.getDoubleValue());
        }
    }

    private int position() {
        return output.size() + generator.getOutputBuffered();
    }

    private CompactObject end(int start) throws IOException {
        generator.flush();
        return new CompactObject(this, start, output.size() - start);
    }

    /** A byte array stream whose array is read in place. */
    private static final class Output extends ByteArrayOutputStream {

        byte[] array() {
            return buf;
        }

        void ensure(int capacity) {
            if (buf.length < capacity) {
                buf = new byte[capacity];
            }
        }
    }
}
