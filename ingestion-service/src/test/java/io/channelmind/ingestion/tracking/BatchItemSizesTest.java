package io.channelmind.ingestion.tracking;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

class BatchItemSizesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void itemsAreMeasuredAsSent() {
        String first = "{\"type\": \"track\",  \"event\": \"é\"}";
        String second = "{ }";
        String body = "{\"sentAt\": \"2026-01-01T00:00:00Z\", \"context\": {\"a\": [1, 2]}, \"batch\": [ " + first
                + " ,\n" + second + "]}";

        int[] sizes = BatchItemSizes.measure(JSON.getFactory(), body.getBytes(StandardCharsets.UTF_8));

        assertArrayEquals(new int[] {first.getBytes(StandardCharsets.UTF_8).length, second.length()}, sizes);
    }

    @Test
    void duplicateBatchFieldGivesNoSizes() {
        byte[] body = "{\"batch\": [{}], \"batch\": [{}, {}]}".getBytes(StandardCharsets.UTF_8);

        assertNull(BatchItemSizes.measure(JSON.getFactory(), body));
    }

    @Test
    void bodyWithoutBatchGivesNoSizes() {
        assertNull(BatchItemSizes.measure(JSON.getFactory(), "[1, 2]".getBytes(StandardCharsets.UTF_8)));
        assertNull(BatchItemSizes.measure(JSON.getFactory(), "{\"a\": 1}".getBytes(StandardCharsets.UTF_8)));
    }

    /** Exponent numbers are the case where Jackson's compact output is longer than the input. */
    @Test
    void compactJsonStaysWithinGrowthBound() throws Exception {
        String item = "{\"p\":[1e6,-1e6,1e+6,1e5,9e6,1E6,1e-7,1e7]}";

        int compact = JSON.writeValueAsBytes(JSON.readTree(item)).length;

        assertTrue(compact > item.length(), "the case should grow: " + compact);
        assertTrue(compact <= item.length() * BatchItemSizes.MAX_GROWTH, "compact size " + compact);
    }
}
