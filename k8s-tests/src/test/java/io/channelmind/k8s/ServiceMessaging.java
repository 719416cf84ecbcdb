package io.channelmind.k8s;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
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
     * One consumer group of a service, the topics it reads, and its auto.offset.reset (where it
     * starts without a committed offset).
     */
    record ConsumerGroup(String groupId, Set<String> topics, String offsetReset) {
    }

    private ServiceMessaging() {
    }

    /**
     * Returns the consumer groups per component name, for the components that consume Kafka,
     * ordered by group id.
     */
    static Map<String, List<ConsumerGroup>> consumerGroups() {
        Map<String, List<ConsumerGroup>> groups = new LinkedHashMap<>();
        for (String component : ChartObjectsTest.COMPONENTS) {
            Properties properties = load(component);
            String defaultGroup = properties.getProperty("mp.messaging.connector.smallrye-kafka.group.id",
                    properties.getProperty("quarkus.application.name"));
            // "latest" is the Kafka consumer's own default.
            String defaultOffsetReset = properties.getProperty(
                    "mp.messaging.connector.smallrye-kafka.auto.offset.reset", "latest");
            Map<String, Set<String>> topicsByGroup = new TreeMap<>();
            Map<String, Set<String>> resetsByGroup = new TreeMap<>();
            for (String key : properties.stringPropertyNames()) {
                Matcher connector = INCOMING_CONNECTOR.matcher(key);
                if (!connector.matches() || !"smallrye-kafka".equals(properties.getProperty(key))) {
                    continue;
                }
                String prefix = "mp.messaging.incoming." + connector.group(1) + ".";
                String channel = connector.group(1).replace("\"", "");
                String groupId = properties.getProperty(prefix + "group.id", defaultGroup);
                if (groupId == null) {
                    throw new AssertionError(component + " channel " + channel + " has no group.id");
                }
                topicsByGroup.computeIfAbsent(groupId, id -> new TreeSet<>())
                        .add(properties.getProperty(prefix + "topic", channel));
                resetsByGroup.computeIfAbsent(groupId, id -> new TreeSet<>())
                        .add(properties.getProperty(prefix + "auto.offset.reset", defaultOffsetReset));
            }
            List<ConsumerGroup> serviceGroups = new ArrayList<>();
            topicsByGroup.forEach((groupId, topics) -> {
                Set<String> resets = resetsByGroup.get(groupId);
                if (resets.size() > 1) {
                    throw new AssertionError(component + " group " + groupId + " uses several auto.offset.reset values "
                            + resets + "; one KEDA trigger per topic can state only one");
                }
                serviceGroups.add(new ConsumerGroup(groupId, topics, resets.iterator().next()));
            });
            if (!serviceGroups.isEmpty()) {
                groups.put(component, serviceGroups);
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
