package io.channelmind.automation.connector;

/** Rate limit and retry policy of one connector. */
public record ConnectorPolicy(double burst, double perSecond, RetryPolicy retry) {

    static ConnectorPolicy of(ConnectorsConfig.Endpoint endpoint) {
        ConnectorsConfig.Retry retry = endpoint.retry();
        return new ConnectorPolicy(endpoint.rateLimit().burst(), endpoint.rateLimit().perSecond(),
                new RetryPolicy(retry.maxAttempts(), retry.initialBackoff(), retry.maxBackoff(), retry.maxRetryAfter()));
    }
}
