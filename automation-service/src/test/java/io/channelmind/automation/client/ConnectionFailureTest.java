package io.channelmind.automation.client;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.net.SocketTimeoutException;

import jakarta.ws.rs.ProcessingException;

import org.junit.jupiter.api.Test;

class ConnectionFailureTest {

    @Test
    void wrappedConnectExceptionMatches() {
        Throwable failure = new ProcessingException(new ConnectException("Connection refused"));

        assertTrue(new ConnectionFailure().test(failure));
    }

    @Test
    void readTimeoutDoesNotMatch() {
        Throwable failure = new ProcessingException(new SocketTimeoutException("Read timed out"));

        assertFalse(new ConnectionFailure().test(failure));
    }
}
