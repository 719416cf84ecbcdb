package io.channelmind.automation.connector;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/** Builds a {@link ConnectorsConfig} from properties, without starting Quarkus, with Quarkus' duration format. */
final class ConnectorSettings {

    private ConnectorSettings() {
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
