package io.channelmind.ingestion.tracking;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import io.channelmind.web.Problem;

/**
 * Reads a tracking request body in one streaming pass. The few fields that validation reads,
 * such as {@code userId} and {@code timestamp}, become JSON nodes. The {@code traits},
 * {@code properties} and {@code context} objects, most of a call's bytes, are copied as compact
 * JSON into the request's {@link JsonCopy} without building trees. Every other field is skipped.
 * The same pass records where each batch item starts and ends, so its size as sent needs no
 * second parse.
 */
final class RequestReader {

    private final ObjectMapper objectMapper;
    private final JsonNodeFactory nodes;
    /** False when the mapper reads numbers into other node types than Jackson's defaults, which this class then leaves to it. */
    private final boolean defaultNumbers;

    RequestReader(ObjectMapper objectMapper) {
        this.objectMapper = objectMapper;
        this.nodes = objectMapper.getNodeFactory();
        this.defaultNumbers = !objectMapper.isEnabled(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                && !objectMapper.isEnabled(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
                && !objectMapper.isEnabled(DeserializationFeature.USE_LONG_FOR_INTS);
    }

    /**
     * Reads the body. With {@code batch}, the root's {@code batch} array is read into items and
     * the root's own {@code traits} and {@code properties} are skipped.
     *
     * @throws io.channelmind.web.ProblemException 400 {@code malformed-json} when the body is not JSON
     */
    TrackingRequest read(byte[] body, boolean batch) {
        try {
            byte[] utf8 = asUtf8(body);
            JsonCopy copy = new JsonCopy(objectMapper, utf8);
            try (JsonParser parser = objectMapper.createParser(utf8)) {
                JsonToken first = parser.nextToken();
                if (first != JsonToken.START_OBJECT) {
                    if (first != null) {
                        // Reads the rest of the value, so malformed JSON is reported as such.
                        parser.skipChildren();
                    }
                    return new TrackingRequest(utf8, null, null, copy);
                }
                List<List<ParsedCall>> items = new ArrayList<>(1);
                ParsedCall root = readObject(parser, copy, batch ? items : null);
                return new TrackingRequest(utf8, root, items.isEmpty() ? null : items.get(0), copy);
            }
        } catch (IOException e) {
            String reason = e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage();
            throw Problem.of(400, "malformed-json", "Malformed JSON request body")
                    .detail("The request body is not valid JSON: " + reason)
                    .error("body", null, "Send one JSON object as described by the Segment HTTP tracking API")
                    .toException();
        }
    }

    /**
     * Reads the object at the parser's {@code START_OBJECT}. When {@code batch} is not null, the
     * object is a batch envelope: its {@code batch} array is read into {@code batch} (as its only
     * element, the last array when the field repeats), and its traits and properties are skipped.
     */
    private ParsedCall readObject(JsonParser parser, JsonCopy copy, List<List<ParsedCall>> batch) throws IOException {
        int start = (int) parser.currentTokenLocation().getByteOffset();
        JsonNode[] fields = new JsonNode[ParsedCall.FIELDS.size()];
        CompactObject traits = null;
        CompactObject properties = null;
        CallContext context = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            boolean object = value == JsonToken.START_OBJECT;
            switch (name) {
                case "context" -> {
                    context = object ? copy.copyContext(parser) : null;
                    keepNode(fields, name, object, parser);
                }
                case "traits", "properties" -> {
                    CompactObject copied = null;
                    if (batch != null) {
                        parser.skipChildren();
                    } else {
                        copied = object ? copy.copyObject(parser) : null;
                        keepNode(fields, name, object, parser);
                    }
                    if (name.equals("traits")) {
                        traits = copied;
                    } else {
                        properties = copied;
                    }
                }
                case "batch" -> {
                    if (batch == null) {
                        parser.skipChildren();
                    } else {
                        batch.clear();
                        if (value == JsonToken.START_ARRAY) {
                            batch.add(readItems(parser, copy));
                        } else {
                            parser.skipChildren();
                        }
                    }
                }
                default -> {
                    // The fields with their own case above never come here.
                    int index = ParsedCall.index(name);
                    if (index >= 0) {
                        fields[index] = node(parser, value);
                    } else {
                        parser.skipChildren();
                    }
                }
            }
        }
        int end = (int) parser.currentLocation().getByteOffset();
        return new ParsedCall(fields, traits, properties, context, start, end);
    }

    /** Keeps a field that is not an object as a node, for the error that names its value; a later object replaces it. */
    private void keepNode(JsonNode[] fields, String name, boolean object, JsonParser parser) throws IOException {
        fields[ParsedCall.index(name)] = object ? null : node(parser, parser.currentToken());
    }

    private List<ParsedCall> readItems(JsonParser parser, JsonCopy copy) throws IOException {
        List<ParsedCall> items = new ArrayList<>();
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            if (token == JsonToken.START_OBJECT) {
                items.add(readObject(parser, copy, null));
            } else {
                parser.skipChildren();
                items.add(null);
            }
        }
        return items;
    }

    /** Returns the value at the parser as the node that {@link ObjectMapper#readTree} builds for it. */
    private JsonNode node(JsonParser parser, JsonToken token) throws IOException {
        return switch (token) {
            case VALUE_STRING -> nodes.textNode(parser.getText());
            case VALUE_TRUE -> nodes.booleanNode(true);
            case VALUE_FALSE -> nodes.booleanNode(false);
            case VALUE_NULL -> nodes.nullNode();
            case VALUE_NUMBER_INT -> defaultNumbers ? integerNode(parser) : objectMapper.readTree(parser);
            case VALUE_NUMBER_FLOAT -> defaultNumbers && parser.getNumberType() != JsonParser.NumberType.BIG_DECIMAL
                    ? nodes.numberNode(parser.getDoubleValue()) : objectMapper.readTree(parser);
            default -> objectMapper.readTree(parser);
        };
    }

    private JsonNode integerNode(JsonParser parser) throws IOException {
        return switch (parser.getNumberType()) {
            case INT -> nodes.numberNode(parser.getIntValue());
            case LONG -> nodes.numberNode(parser.getLongValue());
            default -> nodes.numberNode(parser.getBigIntegerValue());
        };
    }

    /**
     * Returns the body as UTF-8 without a byte order mark, so byte offsets are offsets into the
     * returned array. JSON in UTF-16 or UTF-32, which Jackson detects from the zero bytes of the
     * first characters, is rewritten as compact UTF-8; its item sizes are then those of compact JSON.
     */
    private byte[] asUtf8(byte[] body) throws IOException {
        if (body.length >= 3 && (body[0] & 0xFF) == 0xEF && (body[1] & 0xFF) == 0xBB && (body[2] & 0xFF) == 0xBF) {
            return java.util.Arrays.copyOfRange(body, 3, body.length);
        }
        boolean wide = body.length >= 2 && (body[0] == 0 || body[1] == 0
                || ((body[0] & 0xFF) == 0xFE && (body[1] & 0xFF) == 0xFF)
                || ((body[0] & 0xFF) == 0xFF && (body[1] & 0xFF) == 0xFE));
        if (!wide) {
            return body;
        }
        JsonNode tree = objectMapper.readTree(body);
        return tree == null || tree.isMissingNode() ? new byte[0] : objectMapper.writeValueAsBytes(tree);
    }
}
