package io.channelmind.stack.test;

import java.util.Arrays;
import java.util.Map;

import io.channelmind.stack.infra.KafkaBroker;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts a real single-node Kafka broker (KRaft) for a Quarkus test run and points
 * {@code kafka.bootstrap.servers} at it. The init argument {@code topics} (comma-separated)
 * names topics to create up front, so the first consumer does not wait for auto-creation. A test
 * field annotated with {@link InjectKafkaBroker} receives the broker; a test that stops it must
 * start it again before it ends, because later test classes share it.
 */
public class KafkaTestResource implements QuarkusTestResourceLifecycleManager {

    private KafkaBroker broker;
    private String topics = "";
    private int partitions = 1;

    @Override
    public void init(Map<String, String> initArgs) {
        topics = initArgs.getOrDefault("topics", "");
        partitions = Integer.parseInt(initArgs.getOrDefault("partitions", "1"));
    }

    @Override
    public Map<String, String> start() {
        broker = KafkaBroker.startTemporary();
        if (!topics.isBlank()) {
            broker.createTopics(Arrays.stream(topics.split(",")).map(String::trim).toList(), partitions);
        }
        return Map.of("kafka.bootstrap.servers", broker.bootstrapServers());
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(broker,
                new TestInjector.AnnotatedAndMatchesType(InjectKafkaBroker.class, KafkaBroker.class));
    }

    @Override
    public void stop() {
        if (broker != null) {
            broker.close();
        }
    }
}
