package io.channelmind.ingestion.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EventIdsTest {

    @ParameterizedTest
    @ValueSource(strings = {"m-1", "", "ä 😀", "a\u001fb"})
    void trackingCallIdIsNameBasedUuid(String messageId) {
        String name = "tracking-call\u001fweb\u001f" + messageId;

        assertEquals(UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString(),
                EventIds.trackingCall("web", messageId));
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 1, 541_909, Long.MAX_VALUE})
    void customerEventIdIsNameBasedUuid(long row) {
        String name = "customer-event\u001fretail\u001fweb:u-1\u001fconversion\u001f" + row;

        assertEquals(UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString(),
                EventIds.customerEvent("retail", "web:u-1", EventType.CONVERSION, row));
    }
}
