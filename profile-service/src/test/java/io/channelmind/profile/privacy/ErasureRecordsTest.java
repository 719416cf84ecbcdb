package io.channelmind.profile.privacy;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class ErasureRecordsTest {

    @Test
    void shortConfiguredKeyIsRejected() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> new ErasureRecords(null, Optional.of("0123456789")));

        assertTrue(error.getMessage().contains("channelmind.profile.erasure-hash-key is too short: 10 characters"),
                error.getMessage());
        assertTrue(error.getMessage().contains("openssl rand -base64 32"), error.getMessage());
    }
}
