package io.channelmind.automation.connector;

import java.net.URI;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.channelmind.web.egress.EgressGuard;
import io.channelmind.web.egress.EgressHttpClient;
import io.channelmind.web.egress.EgressRejectedException;

/** Base of the connectors that post to one configured URL. */
abstract class HttpConnector implements Connector {

    static final ObjectMapper JSON = new ObjectMapper();

    private final String channel;
    private final String name;
    private final Optional<URI> url;
    private final ConnectorPolicy policy;
    final HttpSender http;
    private final EgressGuard guard;

    HttpConnector(String channel, String name, ConnectorsConfig.Endpoint endpoint, EgressHttpClient egress) {
        this.channel = channel;
        this.name = name;
        this.url = endpoint.url();
        this.policy = ConnectorPolicy.of(endpoint);
        this.http = new HttpSender(egress, endpoint.timeout());
        this.guard = egress.guard();
    }

    @Override
    public String channel() {
        return channel;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public ConnectorPolicy policy() {
        return policy;
    }

    @Override
    public Optional<String> disabledReason() {
        if (url.isEmpty()) {
            return Optional.of(name + " connector is disabled because automation.connectors." + configKey()
                    + ".url is not set");
        }
        return missingSetting();
    }

    /**
     * Checks the configured URL with the egress guard. Returns the reason when the URL is
     * malformed or resolves to an internal address that is not allow-listed, and empty when
     * the URL passes, is unset, or its host does not resolve yet, which each send checks again.
     */
    @Override
    public Optional<String> invalidUrl() {
        if (url.isEmpty()) {
            return Optional.empty();
        }
        try {
            guard.check(url.get());
            return Optional.empty();
        } catch (EgressRejectedException e) {
            if (e.reason() == EgressRejectedException.Reason.UNRESOLVED_HOST) {
                return Optional.empty();
            }
            return Optional.of("automation.connectors." + configKey() + ".url is rejected: " + e.getMessage());
        }
    }

    /** Returns the reason when a setting besides the URL is missing. */
    Optional<String> missingSetting() {
        return Optional.empty();
    }

    /** Part of the configuration key after {@code automation.connectors.}, such as {@code sms.twilio}. */
    String configKey() {
        return name;
    }

    URI url() {
        return url.orElseThrow(() -> new IllegalStateException(disabledReason().orElse(name + " is disabled")));
    }

    static String json(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot write the request body as JSON", e);
        }
    }
}
