package io.channelmind.web.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.channelmind.web.crypto.SealedTraits;
import io.channelmind.web.crypto.TopicOpener;
import io.channelmind.web.privacy.PrivacyTopics;

/** Reads the rows of an export confirmation from cm.privacy-confirmations in the services' privacy tests. */
public final class ExportedRows {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ExportedRows() {
    }

    /** Opens the sealed rows of an export confirmation, after checking that none travel in clear text. */
    public static JsonNode open(TopicOpener opener, JsonNode confirmation) throws Exception {
        assertTrue(confirmation.path("data").isNull() || confirmation.path("data").isMissingNode(),
                "export rows in clear text on the topic");
        SealedTraits sealed = MAPPER.treeToValue(confirmation.path("sealedData"), SealedTraits.class);
        String rows = opener.open(PrivacyTopics.CONFIRMATIONS, confirmation.path("eventId").asText(), sealed)
                .get("data");
        return MAPPER.readTree(rows);
    }
}
