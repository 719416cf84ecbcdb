package io.channelmind.ingestion.tracking;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One JSON object of a tracking request, a call or the batch envelope, as {@link RequestReader}
 * read it. {@code fields} contains the fields that validation reads, as nodes, and every
 * {@code traits}, {@code properties} or {@code context} that is not an object. The objects are
 * null when the call sent none. {@code start} and {@code end} are its byte offsets in the body.
 */
record ParsedCall(ObjectNode fields, CompactObject traits, CompactObject properties, CallContext context, int start,
        int end) {

    /** Returns the field's node, or null when it is absent or was copied as an object. */
    JsonNode get(String field) {
        return fields.get(field);
    }

    /** Returns the size in bytes of the object as sent. */
    int sentSize() {
        return end - start;
    }
}
