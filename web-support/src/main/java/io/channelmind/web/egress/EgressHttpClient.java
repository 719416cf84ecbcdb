package io.channelmind.web.egress;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends outbound HTTP requests to URLs that users or operators configure, each checked by the
 * {@link EgressGuard} first and sent to the address that the check resolved. Blocks the calling
 * thread until the response arrives, so call it from a worker thread, never from an event loop.
 */
public final class EgressHttpClient {

    /** Opens the connection to a checked target and exchanges one request and response. */
    @FunctionalInterface
    public interface Transport {

        CompletionStage<EgressResponse> exchange(EgressTarget target, String method, Map<String, String> headers,
                String body, Duration timeout);
    }

    private final EgressGuard guard;
    private final Transport transport;

    public EgressHttpClient(EgressGuard guard, Transport transport) {
        this.guard = guard;
        this.transport = transport;
    }

    public EgressGuard guard() {
        return guard;
    }

    /**
     * Checks the URL, then sends the request and waits at most {@code timeout} for the whole response.
     *
     * @throws EgressRejectedException when the guard rejects the URL, before any connection is opened
     * @throws IOException when the connection or the exchange fails or times out
     */
    public EgressResponse send(String method, URI uri, Map<String, String> headers, String body, Duration timeout)
            throws EgressRejectedException, IOException, InterruptedException {
        EgressTarget target = guard.check(uri);

        CompletionStage<EgressResponse> exchange = transport.exchange(target, method, headers, body, timeout);
        try {
            return exchange.toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            exchange.toCompletableFuture().cancel(true);
            throw new IOException("No response from " + EgressGuard.redact(uri) + " within " + timeout.toMillis()
                    + " ms", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw new IOException("Request to " + EgressGuard.redact(uri) + " failed: " + cause, cause);
        }
    }
}
