package io.channelmind.automation.connector;

import java.net.URI;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Base of the connectors that post to one configured URL. */
abstract class HttpConnector implements Connector {

    static final ObjectMapper JSON = new ObjectMapper();

    private final String channel;
    private final String name;
    private final Optional<URI> url;
    private final ConnectorPolicy policy;
    final HttpSender http;

    HttpConnector(String channel, String name, ConnectorsConfig.Endpoint endpoint) {
        this.channel = channel;
        this.name = name;
        this.url = endpoint.url();
        this.policy = ConnectorPolicy.of(endpoint);
        this.http = new HttpSender(endpoint.timeout());
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
