package io.channelmind.ingestion.tracking;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The buffer into which one tracking request copies the JSON objects of its calls as compact
 * UTF-8, so no tree is built for them. The parser checks each object's syntax and the copy
 * keeps its bytes as sent, without the whitespace between tokens: strings keep their escapes
 * and numbers their text. A mapper that accepts more than standard JSON (comments, single
 * quotes and the like, {@code JsonParser.Feature.ALLOW_*}) is copied token by token instead,
 * and then numbers and strings are written as Jackson writes the nodes that
 * {@link ObjectMapper#readTree} would build. Either way a repeated field name is kept twice,
 * where a tree keeps it once with its last value.
 */
final class JsonCopy {

    private final Output output = new Output();
    private final JsonGenerator generator;
    private final boolean bigDecimalFloats;
    /** The UTF-8 body that the parser reads, whose bytes are copied when {@link #verbatim} is true. */
    private final byte[] body;
    private final boolean verbatim;

    JsonCopy(ObjectMapper objectMapper, byte[] body) throws IOException {
        this.generator = objectMapper.createGenerator(output);
        // Each copied object is a root value, and the default separator between them is a space.
        this.generator.setRootValueSeparator(null);
        this.bigDecimalFloats = objectMapper.isEnabled(
                com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
        this.body = body;
        this.verbatim = acceptsOnlyStandardJson(objectMapper);
        output.ensure(body.length);
    }

    /** Copies the object at the parser's current {@code START_OBJECT} token. */
    CompactObject copyObject(JsonParser parser) throws IOException {
        if (verbatim) {
            int from = (int) parser.currentTokenLocation().getByteOffset();
            parser.skipChildren();
            return compact(from, parser);
        }
        int start = position();
        copyValue(parser);
        return end(start);
    }

    /**
     * Copies the {@code context} object at the parser's current {@code START_OBJECT} token and
     * reads the fields that the channel mapping needs on the way.
     */
    CallContext copyContext(JsonParser parser) throws IOException {
        int start = verbatim ? (int) parser.currentTokenLocation().getByteOffset() : position();
        String[] campaign = new String[CallContext.CAMPAIGN_FIELDS.length];
        String[] page = new String[CallContext.PAGE_FIELDS.length];
        boolean containsIp = false;
        writeStartObject();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            writeFieldName(name);
            containsIp |= "ip".equals(name);
            if ("campaign".equals(name)) {
                copyReading(parser, value, CallContext.CAMPAIGN_FIELDS, campaign);
            } else if ("page".equals(name)) {
                copyReading(parser, value, CallContext.PAGE_FIELDS, page);
            } else {
                copyValue(parser);
            }
        }
        writeEndObject();
        return new CallContext(verbatim ? compact(start, parser) : end(start), campaign, page, containsIp);
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
        writeStartObject();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken fieldValue = parser.nextToken();
            writeFieldName(name);
            for (int i = 0; i < fields.length; i++) {
                if (fields[i].equals(name)) {
                    values[i] = fieldValue == JsonToken.VALUE_STRING ? parser.getText() : null;
                }
            }
            copyValue(parser);
        }
        writeEndObject();
    }

    /**
     * Copies the value at the parser's current token, and everything inside it when it is an
     * object or array. When copying verbatim, it only moves the parser past the value.
     */
    private void copyValue(JsonParser parser) throws IOException {
        if (verbatim) {
            parser.skipChildren();
            return;
        }
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

    private void writeStartObject() throws IOException {
        if (!verbatim) {
            generator.writeStartObject();
        }
    }

    private void writeFieldName(String name) throws IOException {
        if (!verbatim) {
            generator.writeFieldName(name);
        }
    }

    private void writeEndObject() throws IOException {
        if (!verbatim) {
            generator.writeEndObject();
        }
    }

    /**
     * Appends the body's bytes from {@code from} to the parser's position, just after the value
     * that the parser has read, without the whitespace outside strings. The parser has checked
     * the syntax, so a byte {@code "} outside a string opens one, and inside a string a
     * backslash escapes the next byte. Bytes of multi-byte UTF-8 characters are never {@code "}
     * or a backslash.
     */
    private CompactObject compact(int from, JsonParser parser) throws IOException {
        int to = (int) parser.currentLocation().getByteOffset();
        generator.flush();
        int start = output.size();
        byte[] target = output.reserve(to - from);
        int length = start;
        boolean inString = false;
        for (int i = from; i < to; i++) {
            byte b = body[i];
            if (inString) {
                target[length++] = b;
                if (b == '\\') {
                    target[length++] = body[++i];
                } else if (b == '"') {
                    inString = false;
                }
            } else if (b == '"') {
                inString = true;
                target[length++] = b;
            } else if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                target[length++] = b;
            }
        }
        output.setSize(length);
        return new CompactObject(this, start, length - start);
    }

    /** Returns whether the mapper's parsers reject everything beyond standard JSON, so copied bytes are standard JSON. */
    private static boolean acceptsOnlyStandardJson(ObjectMapper objectMapper) {
        for (JsonParser.Feature feature : JsonParser.Feature.values()) {
            if (feature.name().startsWith("ALLOW_") && objectMapper.getFactory().isEnabled(feature)) {
                return false;
            }
        }
        return true;
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

        /** Returns the array with room for {@code bytes} more after {@link #size()}. */
        byte[] reserve(int bytes) {
            if (buf.length - count < bytes) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, count + bytes));
            }
            return buf;
        }

        void setSize(int size) {
            count = size;
        }
    }
}
