package io.channelmind.automation.connector;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.channelmind.web.egress.EgressGuard;
import io.channelmind.web.egress.EgressHttpClient;
import io.channelmind.web.egress.HostResolver;
import io.channelmind.web.egress.VertxTransport;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.vertx.core.Vertx;

/** Builds a {@link ConnectorsConfig} from properties, without starting Quarkus, with Quarkus' duration format. */
final class ConnectorSettings {

    /** Event loops of the egress client, shared by the tests of one JVM and stopped when it exits. */
    private static Vertx vertx;

    private ConnectorSettings() {
    }

    /**
     * Returns an egress client that allows 127.0.0.1, where the tests' WireMock listens, and
     * rejects every other internal address. Host names go to a resolver that resolves none, so no
     * test makes a DNS query.
     */
    static synchronized EgressHttpClient egress() {
        if (vertx == null) {
            vertx = Vertx.vertx();
        }
        HostResolver noNames = host -> {
            throw new java.net.UnknownHostException(host);
        };
        return new EgressHttpClient(new EgressGuard(List.of("127.0.0.1"), noNames), new VertxTransport(vertx));
    }

    /** Returns the mapping of the given {@code automation.connectors.*} properties; retries wait 10 ms at first. */
    static ConnectorsConfig of(Map<String, String> properties) {
        Map<String, String> all = new HashMap<>();
        all.put("automation.connectors.slack.retry.initial-backoff", "10MS");
        all.put("automation.connectors.wecom.retry.initial-backoff", "10MS");
        all.put("automation.connectors.dingtalk.retry.initial-backoff", "10MS");
        all.put("automation.connectors.webhook.retry.initial-backoff", "10MS");
        all.put("automation.connectors.sms.generic.retry.initial-backoff", "10MS");
        all.put("automation.connectors.sms.twilio.retry.initial-backoff", "10MS");
        all.putAll(properties);
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(ConnectorsConfig.class)
                .withConverter(Duration.class, 200, new DurationConverter())
                .withSources(new PropertiesConfigSource(all, "test", 500))
                .build();
        return config.getConfigMapping(ConnectorsConfig.class);
    }
}
