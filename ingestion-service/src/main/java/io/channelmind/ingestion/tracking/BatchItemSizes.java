package io.channelmind.ingestion.tracking;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/**
 * Measures the size of each item of a batch body's {@code batch} array as sent, with a streaming
 * pass that builds no tree, so most items need no serialisation to check the per-call limit.
 */
final class BatchItemSizes {

    /**
     * Maximum factor by which an item's compact JSON can exceed its size as sent. Only numbers
     * grow when Jackson rewrites them: {@code 1e6} (3 bytes) becomes {@code 1000000.0} (9 bytes).
     */
    static final int MAX_GROWTH = 3;

    private BatchItemSizes() {
    }

    /**
     * Returns the size in bytes of each {@code batch} item as sent, or null when the body does
     * not have exactly one {@code batch} array at its top level.
     */
    static int[] measure(JsonFactory factory, byte[] body) {
        try (JsonParser parser = factory.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            int[] sizes = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (!"batch".equals(field)) {
                    parser.skipChildren();
                } else if (sizes != null || value != JsonToken.START_ARRAY) {
                    return null;
                } else {
                    sizes = arrayItemSizes(parser);
                }
            }
            return sizes;
        } catch (IOException e) {
            return null;
        }
    }

    private static int[] arrayItemSizes(JsonParser parser) throws IOException {
        List<Integer> sizes = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            long start = parser.currentTokenLocation().getByteOffset();
            parser.skipChildren();
            long end = parser.currentLocation().getByteOffset();
            sizes.add((int) (end - start));
        }
        return sizes.stream().mapToInt(Integer::intValue).toArray();
    }
}
