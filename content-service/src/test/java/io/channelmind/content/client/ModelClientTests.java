package io.channelmind.content.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Test;

import io.vertx.core.http.HttpClosedException;

class ModelClientTests {

    @Test
    void configuredPoolSizeIsUsed() {
        assertEquals(300, ModelClient.clientOptions(300, Duration.ofSeconds(5)).getMaxPoolSize());
        assertEquals(5000, ModelClient.clientOptions(300, Duration.ofSeconds(5)).getConnectTimeout());
    }

    @Test
    void poolSizeBelowOneRejected() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> ModelClient.clientOptions(0, Duration.ofSeconds(5)));
        assertTrue(error.getMessage().contains(ModelClient.POOL_SIZE_KEY), error.getMessage());
    }

    @Test
    void closedConnectionIsRecognised() {
        assertTrue(ModelClient.isClosedConnection(new HttpClosedException("Connection was closed")));
    }

    @Test
    void wrappedClosedConnectionIsRecognised() {
        IOException wrapped = new IOException("Connection was closed", new HttpClosedException("Connection was closed"));

        assertTrue(ModelClient.isClosedConnection(new IllegalStateException("call failed", wrapped)));
        assertTrue(ModelClient.isClosedConnection(new IOException("Connection was closed")));
    }

    @Test
    void otherFailuresAreNotRetried() {
        assertFalse(ModelClient.isClosedConnection(new IOException("Connection refused")));
        assertFalse(ModelClient.isClosedConnection(new TimeoutException("read timed out")));
        assertFalse(ModelClient.isClosedConnection(new ProviderRateLimitedException(Duration.ofSeconds(1))));
    }
}
