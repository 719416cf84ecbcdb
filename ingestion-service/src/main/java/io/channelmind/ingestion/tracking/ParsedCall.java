package io.channelmind.ingestion.tracking;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One JSON object of a tracking request, a call or the batch envelope, as {@link RequestReader}
 * read it. The nodes are the fields that validation reads and every {@code traits},
 * {@code properties} or {@code context} that is not an object, by their index in
 * {@link #FIELDS}. The objects are null when the call sent none. {@code start} and {@code end}
 * are its byte offsets in the body.
 */
record ParsedCall(JsonNode[] nodes, CompactObject traits, CompactObject properties, CallContext context, int start,
        int end) {

    /** The fields that can have a node, in the order of their index. */
    static final List<String> FIELDS = List.of("type", "messageId", "userId", "anonymousId", "event", "name",
            "previousId", "groupId", "timestamp", "sentAt", "writeKey", "traits", "properties", "context");

    /** Returns the index of {@code field} in {@link #FIELDS}, or -1 when it has no node. */
    static int index(String field) {
        return switch (field) {
            case "type" -> 0;
            case "messageId" -> 1;
            case "userId" -> 2;
            case "anonymousId" -> 3;
            case "event" -> 4;
            case "name" -> 5;
            case "previousId" -> 6;
            case "groupId" -> 7;
            case "timestamp" -> 8;
            case "sentAt" -> 9;
            case "writeKey" -> 10;
            case "traits" -> 11;
            case "properties" -> 12;
            case "context" -> 13;
            default -> -1;
        };
    }

    /** Returns the field's node, or null when it is absent or was copied as an object. */
    JsonNode get(String field) {
        int index = index(field);
        return index < 0 ? null : nodes[index];
    }

    /** Returns the size in bytes of the object as sent. */
    int sentSize() {
        return end - start;
    }
}
