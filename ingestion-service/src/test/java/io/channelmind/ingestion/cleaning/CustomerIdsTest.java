package io.channelmind.ingestion.cleaning;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CustomerIdsTest {

    @ParameterizedTest
    @CsvSource({
        "17850.0,17850",
        "17850.00,17850",
        "1.785E4,17850",
        "17850,17850",
        "0017850,0017850",
        "c-101,c-101",
        "' 42 ',42"
    })
    void idIsNormalised(String raw, String expected) {
        assertEquals(Optional.of(expected), CustomerIds.normalise(raw));
    }

    @Test
    void fractionalIdIsRejected() {
        assertEquals(Optional.empty(), CustomerIds.normalise("17850.5"));
    }
}
