package io.channelmind.automation.connector;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.arc.All;
import io.quarkus.runtime.Startup;

/**
 * The connectors by channel, each behind its own token bucket and retry policy. At most one
 * connector per channel is enabled; a channel without one skips its sends with the reasons
 * of its disabled connectors, and an enabled connector whose URL the egress guard rejects stops
 * the startup. {@link #send} blocks while it waits for a token or a retry, so
 * callers on an event loop must move it to a worker thread. It starts with the application, so
 * the log shows at boot which channels can send.
 */
@Startup
@ApplicationScoped
public class ConnectorRegistry {

    private static final Logger LOG = Logger.getLogger(ConnectorRegistry.class);

    private final Map<String, GuardedConnector> enabled = new LinkedHashMap<>();
    private final Map<String, String> skipReasons = new LinkedHashMap<>();

    public ConnectorRegistry(@All List<Connector> connectors) {
        Map<String, List<Connector>> byChannel = connectors.stream()
                .collect(Collectors.groupingBy(Connector::channel, LinkedHashMap::new, Collectors.toList()));
        byChannel.forEach(this::register);
    }

    private void register(String channel, List<Connector> candidates) {
        List<Connector> ready = candidates.stream().filter(c -> c.disabledReason().isEmpty()).toList();
        if (ready.size() > 1) {
            throw new IllegalStateException("Channel " + channel + " has more than one enabled connector: "
                    + ready.stream().map(Connector::name).toList() + "; configure only one");
        }
        if (ready.isEmpty()) {
            String reason = candidates.stream().map(c -> c.disabledReason().orElseThrow()).collect(Collectors.joining("; "));
            skipReasons.put(channel, reason);
            LOG.infof("Channel %s has no connector: %s", channel, reason);
            return;
        }
        Connector connector = ready.get(0);
        Optional<String> invalidUrl = connector.invalidUrl();
        if (invalidUrl.isPresent()) {
            throw new IllegalStateException("The " + connector.name() + " connector cannot start: " + invalidUrl.get());
        }
        enabled.put(channel, new GuardedConnector(connector));
        LOG.infof("Channel %s sends through the %s connector", channel, connector.name());
    }

    /** Returns why sends on this channel are skipped, or empty when a connector is enabled. */
    public Optional<String> skipReason(String channel) {
        if (enabled.containsKey(channel)) {
            return Optional.empty();
        }
        return Optional.of(skipReasons.getOrDefault(channel, "no connector serves the channel " + channel));
    }

    /** Returns the channels that can send now. */
    public List<String> enabledChannels() {
        return new ArrayList<>(enabled.keySet());
    }

    /**
     * Sends one message on a channel, waiting for the connector's rate limit and retrying
     * retryable failures. Returns {@link DeliveryResult.Skipped} for a channel without an
     * enabled connector and the last failure when the retries are used up.
     */
    public DeliveryResult send(String channel, OutgoingMessage message) {
        GuardedConnector connector = enabled.get(channel);
        if (connector == null) {
            return new DeliveryResult.Skipped(skipReason(channel).orElseThrow());
        }
        return connector.send(message);
    }

    /** A connector with its token bucket and retry loop. */
    static final class GuardedConnector {

        private final Connector connector;
        private final TokenBucket bucket;
        private final RetryPolicy retry;

        GuardedConnector(Connector connector) {
            this.connector = connector;
            this.bucket = new TokenBucket(connector.policy().burst(), connector.policy().perSecond());
            this.retry = connector.policy().retry();
        }

        DeliveryResult send(OutgoingMessage message) {
            int attempts = 0;
            while (true) {
                DeliveryResult result;
                try {
                    bucket.acquire();
                    attempts++;
                    result = connector.attempt(message);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return new DeliveryResult.RetryableFailure("interrupted while waiting for the rate limit",
                            Optional.empty());
                }

                if (result instanceof DeliveryResult.Sent sent) {
                    return new DeliveryResult.Sent(sent.providerId(), attempts);
                }
                if (!(result instanceof DeliveryResult.RetryableFailure failure)) {
                    LOG.warnf("%s: send %s failed permanently after %d attempts: %s", connector.name(),
                            message.key(), attempts, result);
                    return result;
                }
                Optional<Duration> delay = retry.delayAfter(attempts, failure.retryAfter());
                if (delay.isEmpty()) {
                    LOG.warnf("%s: send %s failed after %d attempts, no retry left: %s", connector.name(),
                            message.key(), attempts, failure.reason());
                    return failure;
                }
                LOG.infof("%s: send %s attempt %d failed (%s), retrying in %d ms", connector.name(), message.key(),
                        attempts, failure.reason(), delay.get().toMillis());
                try {
                    Thread.sleep(delay.get().toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return failure;
                }
            }
        }
    }
}
