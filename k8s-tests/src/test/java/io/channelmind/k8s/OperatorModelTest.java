package io.channelmind.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;

/** Checks that the operator resource model rejects what the CRDs would reject, without helm. */
class OperatorModelTest {

    private static final String TOPIC = """
            apiVersion: kafka.strimzi.io/v1beta2
            kind: KafkaTopic
            metadata:
              name: demo
            spec:
              %s
              partitions: 3
              replicas: 3
            """;

    @Test
    void validTopicParses() {
        OperatorModel.KafkaTopicSpec spec = OperatorModel.spec(topic("topicName: cm.demo"),
                OperatorModel.KafkaTopicSpec.class);

        assertEquals("cm.demo", spec.topicName());
        assertEquals(3, spec.partitions());
    }

    @Test
    void misspeltTopicFieldRejected() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> OperatorModel.spec(topic("topicName: cm.demo\n  partition: 3"), OperatorModel.KafkaTopicSpec.class));

        assertTrue(error.getMessage().contains("\"partition\""), error.getMessage());
    }

    @Test
    void missingTopicNameRejected() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> OperatorModel.spec(topic("config: {}"), OperatorModel.KafkaTopicSpec.class));

        assertTrue(error.getMessage().contains("topicName"), error.getMessage());
    }

    private static GenericKubernetesResource topic(String extraLines) {
        return (GenericKubernetesResource) RenderedChart.parse(TOPIC.formatted(extraLines)).get(0);
    }
}
