package io.channelmind.automation.client;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.ExecutionContext;
import org.jboss.logging.Logger;

import io.smallrye.faulttolerance.api.BeforeRetryHandler;

/** Logs each retry of an outbound call at WARN; SmallRye Fault Tolerance counts them in its metrics. */
@ApplicationScoped
public class RetryLogger implements BeforeRetryHandler {

    private static final Logger LOG = Logger.getLogger(RetryLogger.class);

    @Override
    public void handle(ExecutionContext context) {
        Throwable failure = context.getFailure();
        LOG.warnf("Retrying %s.%s after a connection failure: %s", context.getMethod().getDeclaringClass().getSimpleName(),
                context.getMethod().getName(), failure == null ? "unknown" : failure.getMessage());
    }
}
