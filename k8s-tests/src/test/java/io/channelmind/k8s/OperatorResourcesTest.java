package io.channelmind.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;

/**
 * Checks the operator custom resources (Strimzi Kafka, KafkaNodePool and KafkaTopic,
 * CloudNativePG Cluster, KEDA ScaledObject) of every values case: their specs parse with
 * {@link OperatorModel}, and the services are wired to them.
 */
class OperatorResourcesTest {

    static Stream<ValuesCase> cases() {
        return ValuesCase.all().stream();
    }

    @ParameterizedTest
    @MethodSource("cases")
    void customResourcesParseStrictly(ValuesCase valuesCase) {
        for (GenericKubernetesResource resource : RenderedChart.of(valuesCase).all(GenericKubernetesResource.class)) {
            Class<?> specType = OperatorModel.SPEC_TYPES.get(OperatorModel.typeKey(resource));

            assertNotNull(specType, () -> "no model for " + OperatorModel.typeKey(resource));
            assertNotNull(OperatorModel.spec(resource, specType), () -> "spec of " + name(resource));
            assertEquals(Set.of("spec"), resource.getAdditionalProperties().keySet(),
                    () -> "top-level fields of " + name(resource));
        }
    }

    @Test
    void operatorsCaseRendersEveryResource() {
        RenderedChart chart = RenderedChart.of(valuesCase("operators"));

        assertEquals(1, resources(chart, "Kafka").size(), "Kafka");
        assertEquals(1, resources(chart, "KafkaNodePool").size(), "KafkaNodePool");
        assertEquals(ServiceMessaging.documentedTopics().size(), resources(chart, "KafkaTopic").size(), "KafkaTopics");
        assertEquals(ChartObjectsTest.COMPONENTS.size(), resources(chart, "Cluster").size(), "Clusters");
    }

    @ParameterizedTest
    @MethodSource("cases")
    void strimziClusterRunsKraftWithNodePool(ValuesCase valuesCase) {
        RenderedChart chart = RenderedChart.of(valuesCase);

        for (GenericKubernetesResource kafka : resources(chart, "Kafka")) {
            String cluster = name(kafka);
            Map<String, String> annotations = kafka.getMetadata().getAnnotations();
            assertEquals("enabled", annotations.get("strimzi.io/kraft"), "strimzi.io/kraft of " + cluster);
            assertEquals("enabled", annotations.get("strimzi.io/node-pools"), "strimzi.io/node-pools of " + cluster);
            OperatorModel.KafkaSpec spec = OperatorModel.spec(kafka, OperatorModel.KafkaSpec.class);
            assertNotNull(spec.entityOperator().topicOperator(), "topic operator of " + cluster);

            List<GenericKubernetesResource> pools = resources(chart, "KafkaNodePool").stream()
                    .filter(pool -> cluster.equals(pool.getMetadata().getLabels().get("strimzi.io/cluster")))
                    .toList();
            assertEquals(1, pools.size(), "KafkaNodePools of " + cluster);
            OperatorModel.KafkaNodePoolSpec pool = OperatorModel.spec(pools.get(0), OperatorModel.KafkaNodePoolSpec.class);
            assertEquals(Set.of("controller", "broker"), Set.copyOf(pool.roles()), "roles of the node pool");
            assertEquals("jbod", pool.storage().type(), "storage type of the node pool");

            // Every service connects to the bootstrap Service of the plain listener.
            OperatorModel.Listener listener = spec.kafka().listeners().get(0);
            String bootstrap = cluster + "-kafka-bootstrap:" + listener.port();
            for (ConfigMap configMap : chart.all(ConfigMap.class)) {
                assertEquals(bootstrap, configMap.getData().get("KAFKA_BOOTSTRAP_SERVERS"),
                        "KAFKA_BOOTSTRAP_SERVERS of " + configMap.getMetadata().getName());
            }
            assertEquals("internal", listener.type(), "listener type");
            assertFalse(listener.tls(), "the services connect without TLS");
        }
    }

    @ParameterizedTest
    @MethodSource("cases")
    void kafkaTopicsCoverEveryTopic(ValuesCase valuesCase) {
        RenderedChart chart = RenderedChart.of(valuesCase);
        List<GenericKubernetesResource> topics = resources(chart, "KafkaTopic");
        if (topics.isEmpty()) {
            return;
        }
        Set<String> expected = new TreeSet<>(ServiceMessaging.documentedTopics());
        ServiceMessaging.consumerGroups().values()
                .forEach(serviceGroups -> serviceGroups.forEach(group -> expected.addAll(group.topics())));
        int nodes = OperatorModel.spec(resources(chart, "KafkaNodePool").get(0),
                OperatorModel.KafkaNodePoolSpec.class).replicas();
        Set<String> clusters = resources(chart, "Kafka").stream().map(OperatorResourcesTest::name)
                .collect(Collectors.toSet());

        Set<String> rendered = new TreeSet<>();
        for (GenericKubernetesResource topic : topics) {
            OperatorModel.KafkaTopicSpec spec = OperatorModel.spec(topic, OperatorModel.KafkaTopicSpec.class);
            String where = "KafkaTopic " + name(topic);
            rendered.add(spec.topicName());
            assertTrue(clusters.contains(topic.getMetadata().getLabels().get("strimzi.io/cluster")),
                    where + " names a rendered Kafka in its strimzi.io/cluster label");
            assertTrue(spec.partitions() >= 1, where + " partitions");
            assertTrue(spec.replicas() <= nodes, where + " replicas <= " + nodes + " Kafka nodes");
            int minInSync = Integer.parseInt(String.valueOf(spec.config().get("min.insync.replicas")));
            assertTrue(minInSync < spec.replicas() || spec.replicas() == 1,
                    where + " tolerates one replica down (min.insync.replicas " + minInSync + ")");
            assertTrue(Long.parseLong(String.valueOf(spec.config().get("retention.ms"))) > 0, where + " retention.ms");
            assertTrue(Set.of("delete", "compact", "compact,delete").contains(spec.config().get("cleanup.policy")),
                    where + " cleanup.policy");
        }
        assertEquals(expected, rendered, "topics of docs/events.md and the services' consumers");
    }

    @ParameterizedTest
    @MethodSource("cases")
    void databaseClustersWireServices(ValuesCase valuesCase) {
        RenderedChart chart = RenderedChart.of(valuesCase);
        List<GenericKubernetesResource> clusters = resources(chart, "Cluster");
        if (clusters.isEmpty()) {
            return;
        }

        for (String component : ChartObjectsTest.COMPONENTS) {
            String name = ChartObjectsTest.objectName(valuesCase, component);
            String clusterName = name + "-db";
            GenericKubernetesResource cluster = clusters.stream().filter(c -> name(c).equals(clusterName)).findFirst()
                    .orElse(null);
            assertNotNull(cluster, "CloudNativePG Cluster " + clusterName);
            OperatorModel.InitDb initdb = OperatorModel.spec(cluster, OperatorModel.ClusterSpec.class).bootstrap()
                    .initdb();

            Map<String, String> config = chart.find(ConfigMap.class, name).orElseThrow().getData();
            URI reactive = URI.create(config.get("QUARKUS_DATASOURCE_REACTIVE_URL"));
            assertEquals(clusterName + "-rw", reactive.getHost(), "reactive URL host of " + name);
            assertEquals("/" + initdb.database(), reactive.getPath(), "reactive URL database of " + name);
            assertEquals("jdbc:" + reactive, config.get("QUARKUS_DATASOURCE_JDBC_URL"), "JDBC URL of " + name);
            assertEquals(initdb.owner(), config.get("QUARKUS_DATASOURCE_USERNAME"), "database user of " + name);

            SecretKeySelector password = env(chart.find(Deployment.class, name).orElseThrow(),
                    "QUARKUS_DATASOURCE_PASSWORD").getValueFrom().getSecretKeyRef();
            assertEquals(clusterName + "-app", password.getName(), "password Secret of " + name);
            assertEquals("password", password.getKey(), "password key of " + name);
        }
    }

    @ParameterizedTest
    @MethodSource("cases")
    void scaledObjectsFollowConsumerGroups(ValuesCase valuesCase) {
        RenderedChart chart = RenderedChart.of(valuesCase);
        Map<String, List<ServiceMessaging.ConsumerGroup>> groups = ServiceMessaging.consumerGroups();
        Set<String> autoscaled = new HashSet<>();
        chart.all(HorizontalPodAutoscaler.class)
                .forEach(hpa -> autoscaled.add(hpa.getSpec().getScaleTargetRef().getName()));

        for (GenericKubernetesResource scaledObject : resources(chart, "ScaledObject")) {
            OperatorModel.ScaledObjectSpec spec = OperatorModel.spec(scaledObject, OperatorModel.ScaledObjectSpec.class);
            String target = spec.scaleTargetRef().name();
            String where = "ScaledObject " + name(scaledObject);
            Deployment deployment = chart.find(Deployment.class, target).orElse(null);
            assertNotNull(deployment, where + " targets a rendered Deployment");
            assertEquals("Deployment", spec.scaleTargetRef().kind(), where + " target kind");
            assertFalse(autoscaled.contains(target), where + ": an HPA scales " + target + " as well");
            assertNull(deployment.getSpec().getReplicas(), "replicas of KEDA-scaled " + target);
            assertTrue(spec.maxReplicaCount() >= (spec.minReplicaCount() == null ? 0 : spec.minReplicaCount()),
                    where + " minReplicaCount <= maxReplicaCount");

            String component = deployment.getMetadata().getLabels().get("app.kubernetes.io/name");
            List<ServiceMessaging.ConsumerGroup> serviceGroups = groups.get(component);
            assertNotNull(serviceGroups, where + ": " + component + " has no Kafka consumer group");
            Set<String> expected = new TreeSet<>();
            serviceGroups.forEach(group -> group.topics()
                    .forEach(topic -> expected.add(group.groupId() + " " + topic + " " + group.offsetReset())));
            Map<String, String> config = chart.find(ConfigMap.class, target).orElseThrow().getData();
            Set<String> triggerTopics = new TreeSet<>();
            Set<String> rendered = new TreeSet<>();
            for (OperatorModel.Trigger trigger : spec.triggers()) {
                assertEquals("kafka", trigger.type(), where + " trigger type");
                assertEquals(config.get("KAFKA_BOOTSTRAP_SERVERS"), trigger.metadata().get("bootstrapServers"),
                        where + " bootstrapServers");
                assertTrue(Integer.parseInt(trigger.metadata().get("lagThreshold")) > 0, where + " lagThreshold");
                rendered.add(trigger.metadata().get("consumerGroup") + " " + trigger.metadata().get("topic") + " "
                        + trigger.metadata().get("offsetResetPolicy"));
                triggerTopics.add(trigger.metadata().get("topic"));
            }
            assertEquals(expected, rendered, where + " triggers (consumer group, topic, offset reset)");

            List<Integer> partitions = new ArrayList<>();
            for (GenericKubernetesResource topic : resources(chart, "KafkaTopic")) {
                OperatorModel.KafkaTopicSpec topicSpec = OperatorModel.spec(topic, OperatorModel.KafkaTopicSpec.class);
                if (triggerTopics.contains(topicSpec.topicName())) {
                    partitions.add(topicSpec.partitions());
                }
            }
            if (!partitions.isEmpty()) {
                int ceiling = partitions.stream().mapToInt(Integer::intValue).max().orElseThrow();
                assertTrue(spec.maxReplicaCount() <= ceiling,
                        where + " maxReplicaCount " + spec.maxReplicaCount() + " <= " + ceiling + " partitions");
            }
        }
    }

    @Test
    void kedaCaseScalesEveryConsumer() {
        RenderedChart chart = RenderedChart.of(valuesCase("keda"));
        Set<String> scaled = resources(chart, "ScaledObject").stream()
                .map(scaledObject -> OperatorModel.spec(scaledObject, OperatorModel.ScaledObjectSpec.class)
                        .scaleTargetRef().name())
                .collect(Collectors.toSet());

        for (String component : ServiceMessaging.consumerGroups().keySet()) {
            assertTrue(scaled.contains(ChartObjectsTest.objectName(valuesCase("keda"), component)),
                    "ScaledObject for consumer " + component);
        }
    }

    @Test
    void kedaAbovePartitionsFailsRender() {
        HelmTool.Result result = renderWith("profileService.keda.enabled=true", "profileService.keda.maxReplicas=7");

        assertNotEquals(0, result.exitCode(), "maxReplicas above the partition count must fail the render");
        assertTrue(result.stderr().contains("profileService.keda.maxReplicas (7) is greater than the 6 partitions"),
                result.describe());
    }

    @Test
    void topicReplicasAboveNodesFailRender() {
        HelmTool.Result result = renderWith("kafka.strimzi.enabled=true", "kafka.strimzi.replicas=1");

        assertNotEquals(0, result.exitCode(), "topic replicas above the Kafka nodes must fail the render");
        assertTrue(result.stderr().contains("replicas (3) is greater than kafka.strimzi.replicas (1)"),
                result.describe());
    }

    @Test
    void cloudNativePgUrlOverrideFailsRender() {
        HelmTool.Result result = renderWith("postgresql.cloudNativePG.enabled=true",
                "profileService.database.jdbcUrl=jdbc:postgresql://elsewhere:5432/profile");

        assertNotEquals(0, result.exitCode(), "a URL override with CloudNativePG must fail the render");
        assertTrue(result.stderr().contains("profileService.database.jdbcUrl and reactiveUrl must be empty"),
                result.describe());
    }

    @Test
    void operatorsWithoutCrdsFailRender() {
        for (String setting : List.of("kafka.strimzi.enabled=true", "postgresql.cloudNativePG.enabled=true",
                "contentService.keda.enabled=true")) {
            HelmTool.Result result = HelmTool.run(List.of("template", "channelmind", ValuesCase.chartDir().toString(),
                    "--kube-version", RenderedChart.KUBE_VERSION, "--api-versions", RenderedChart.GATEWAY_API,
                    "--set", setting));

            assertNotEquals(0, result.exitCode(), setting + " without its CRD must fail the render");
            assertTrue(result.stderr().contains("but the cluster has no"), setting + ": " + result.describe());
        }
    }

    private static HelmTool.Result renderWith(String... settings) {
        List<String> arguments = new ArrayList<>(RenderedChart.templateArguments(valuesCase("default")));
        for (String setting : settings) {
            arguments.add("--set");
            arguments.add(setting);
        }
        return HelmTool.run(arguments);
    }

    private static ValuesCase valuesCase(String name) {
        return ValuesCase.all().stream().filter(valuesCase -> valuesCase.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no values case " + name));
    }

    private static List<GenericKubernetesResource> resources(RenderedChart chart, String kind) {
        return chart.all(GenericKubernetesResource.class).stream()
                .filter(resource -> resource.getKind().equals(kind))
                .toList();
    }

    private static EnvVar env(Deployment deployment, String name) {
        return deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
                .filter(variable -> variable.getName().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError(name + " not set in " + deployment.getMetadata().getName()));
    }

    private static String name(GenericKubernetesResource resource) {
        return resource.getMetadata().getName();
    }
}
