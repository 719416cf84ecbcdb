package io.channelmind.ingestion.tracking;

import java.util.List;

/**
 * A tracking request body as {@link RequestReader} read it. {@code root} is null when the body
 * is not a JSON object. {@code batch} contains the items of the body's {@code batch} array, with
 * null for an item that is not an object, and is null itself when the body has no such array or
 * is not read as a batch.
 */
record TrackingRequest(byte[] body, ParsedCall root, List<ParsedCall> batch, JsonCopy copy) {

    /** Returns the body field {@code writeKey} when it is a string, else null. */
    String writeKey() {
        if (root == null) {
            return null;
        }
        var key = root.get("writeKey");
        return key != null && key.isTextual() ? key.asText() : null;
    }
}
