package io.channelmind.k8s;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kafka consumer groups of the services, read from each service's application.properties
 * (SmallRye Reactive Messaging keys outside any %profile), so the chart's KEDA triggers can be
 * checked against the groups and topics the code really uses.
 */
final class ServiceMessaging {

    private static final Pattern INCOMING_CONNECTOR = Pattern.compile("^mp\\.messaging\\.incoming\\.(.+)\\.connector$");
    private static final Pattern TOPIC_ROW = Pattern.compile("^\\|\\s*`(cm\\.[a-z0-9.-]+)`\\s*\\|");

    /**
     * Consumer group of one service, the topics it reads, and its auto.offset.reset (where it
     * starts without a committed offset).
     */
    record ConsumerGroup(String groupId, Set<String> topics, String offsetReset) {
    }

    private ServiceMessaging() {
    }

    /** Returns the consumer group per component name, for the components that consume Kafka. */
    static Map<String, ConsumerGroup> consumerGroups() {
        Map<String, ConsumerGroup> groups = new LinkedHashMap<>();
        for (String component : ChartObjectsTest.COMPONENTS) {
            Properties properties = load(component);
            String defaultGroup = properties.getProperty("mp.messaging.connector.smallrye-kafka.group.id",
                    properties.getProperty("quarkus.application.name"));
            Set<String> groupIds = new TreeSet<>();
            Set<String> topics = new TreeSet<>();
            Set<String> offsetResets = new TreeSet<>();
            // "latest" is the Kafka consumer's own default.
            String defaultOffsetReset = properties.getProperty(
                    "mp.messaging.connector.smallrye-kafka.auto.offset.reset", "latest");
            for (String key : properties.stringPropertyNames()) {
                Matcher connector = INCOMING_CONNECTOR.matcher(key);
                if (!connector.matches() || !"smallrye-kafka".equals(properties.getProperty(key))) {
                    continue;
                }
                String prefix = "mp.messaging.incoming." + connector.group(1) + ".";
                String channel = connector.group(1).replace("\"", "");
                topics.add(properties.getProperty(prefix + "topic", channel));
                String groupId = properties.getProperty(prefix + "group.id", defaultGroup);
                if (groupId == null) {
                    throw new AssertionError(component + " channel " + channel + " has no group.id");
                }
                groupIds.add(groupId);
                offsetResets.add(properties.getProperty(prefix + "auto.offset.reset", defaultOffsetReset));
            }
            if (groupIds.size() > 1) {
                throw new AssertionError(component + " uses several consumer groups " + groupIds
                        + "; the chart's KEDA triggers assume one per service");
            }
            if (offsetResets.size() > 1) {
                throw new AssertionError(component + " uses several auto.offset.reset values " + offsetResets
                        + "; the chart's KEDA triggers assume one per service");
            }
            if (!groupIds.isEmpty()) {
                groups.put(component, new ConsumerGroup(groupIds.iterator().next(), topics,
                        offsetResets.iterator().next()));
            }
        }
        return groups;
    }

    /** Returns the topics listed in the table of docs/events.md. */
    static Set<String> documentedTopics() {
        Path events = ValuesCase.k8sDir().resolve("../docs/events.md").normalize();
        Set<String> topics = new TreeSet<>();
        try {
            for (String line : Files.readAllLines(events)) {
                Matcher row = TOPIC_ROW.matcher(line.trim());
                if (row.find()) {
                    topics.add(row.group(1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return topics;
    }

    private static Properties load(String component) {
        Path file = ValuesCase.k8sDir().resolve("../" + component + "/src/main/resources/application.properties")
                .normalize();
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
        return properties;
    }
}
