package io.channelmind.k8s;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ResourceRequirements;

/**
 * Typed model of the fields the chart sets in the operator custom resources (Strimzi
 * kafka.strimzi.io/v1beta2, CloudNativePG postgresql.cnpg.io/v1, KEDA keda.sh/v1alpha1). fabric8
 * has no model for them and parses them as {@link GenericKubernetesResource}. Parsing the spec
 * here fails on a field the model does not list and on a missing required field, so a misspelt
 * or misplaced key in a template fails the tests. Field names follow the operators' CRDs.
 */
final class OperatorModel {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    /** API version and kind of each custom resource the chart renders, with the class of its spec. */
    static final Map<String, Class<?>> SPEC_TYPES = Map.of(
            "kafka.strimzi.io/v1beta2 Kafka", KafkaSpec.class,
            "kafka.strimzi.io/v1beta2 KafkaNodePool", KafkaNodePoolSpec.class,
            "kafka.strimzi.io/v1beta2 KafkaTopic", KafkaTopicSpec.class,
            "postgresql.cnpg.io/v1 Cluster", ClusterSpec.class,
            "keda.sh/v1alpha1 ScaledObject", ScaledObjectSpec.class);

    private OperatorModel() {
    }

    static String typeKey(GenericKubernetesResource resource) {
        return resource.getApiVersion() + " " + resource.getKind();
    }

    /**
     * Parses the spec of a custom resource into its model class. Throws IllegalArgumentException
     * naming the field when the spec has an unknown field or lacks a required one.
     */
    static <T> T spec(GenericKubernetesResource resource, Class<T> type) {
        Object spec = resource.getAdditionalProperties().get("spec");
        if (spec == null) {
            throw new IllegalArgumentException(typeKey(resource) + " " + resource.getMetadata().getName()
                    + " has no spec");
        }
        return MAPPER.convertValue(spec, type);
    }

    record KafkaSpec(@JsonProperty(required = true) KafkaClusterSpec kafka,
            @JsonProperty(required = true) EntityOperatorSpec entityOperator) {
    }

    record KafkaClusterSpec(@JsonProperty(required = true) String version,
            @JsonProperty(required = true) List<Listener> listeners,
            Map<String, Object> config) {
    }

    record Listener(@JsonProperty(required = true) String name, @JsonProperty(required = true) int port,
            @JsonProperty(required = true) String type, @JsonProperty(required = true) boolean tls) {
    }

    record EntityOperatorSpec(Map<String, Object> topicOperator, Map<String, Object> userOperator) {
    }

    record KafkaNodePoolSpec(@JsonProperty(required = true) int replicas,
            @JsonProperty(required = true) List<String> roles,
            @JsonProperty(required = true) JbodStorage storage,
            ResourceRequirements resources) {
    }

    record JbodStorage(@JsonProperty(required = true) String type,
            @JsonProperty(required = true) List<StorageVolume> volumes) {
    }

    record StorageVolume(@JsonProperty(required = true) int id, @JsonProperty(required = true) String type,
            @JsonProperty(required = true) String size, @JsonProperty("class") String storageClass,
            Boolean deleteClaim, String kraftMetadata) {
    }

    record KafkaTopicSpec(@JsonProperty(required = true) String topicName,
            @JsonProperty(required = true) int partitions,
            @JsonProperty(required = true) int replicas,
            Map<String, Object> config) {
    }

    record ClusterSpec(@JsonProperty(required = true) int instances, String imageName,
            @JsonProperty(required = true) ClusterStorage storage,
            ResourceRequirements resources,
            @JsonProperty(required = true) Bootstrap bootstrap) {
    }

    record ClusterStorage(@JsonProperty(required = true) String size, String storageClass) {
    }

    record Bootstrap(@JsonProperty(required = true) InitDb initdb) {
    }

    record InitDb(@JsonProperty(required = true) String database, @JsonProperty(required = true) String owner) {
    }

    record ScaledObjectSpec(@JsonProperty(required = true) ScaleTarget scaleTargetRef,
            Integer minReplicaCount,
            @JsonProperty(required = true) int maxReplicaCount,
            Integer pollingInterval,
            Integer cooldownPeriod,
            @JsonProperty(required = true) List<Trigger> triggers) {
    }

    record ScaleTarget(String apiVersion, String kind, @JsonProperty(required = true) String name) {
    }

    record Trigger(@JsonProperty(required = true) String type,
            @JsonProperty(required = true) Map<String, String> metadata) {
    }
}
