package io.channelmind.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * Checks the egress rules of the rendered NetworkPolicies against the destinations under
 * networkPolicy.egress in the values: every rule admits one named destination or the services
 * its pod calls, and never every address. Only content-service reaches the language model, and
 * only automation-service reaches the SMTP relay and the connector providers.
 */
class NetworkEgressTest {

    /** Target name of the rule that admits the ChannelMind services a pod calls over REST. */
    static final String CALLED_SERVICES = "called services";
    /** Target names of the rules that admit the pods of the in-cluster Kafka and PostgreSQL, for every component. */
    static final String STRIMZI_KAFKA = "Strimzi Kafka nodes";
    static final String CNPG_POSTGRESQL = "own CloudNativePG Cluster";

    /** Destinations under networkPolicy.egress, each with the components allowed to use it. */
    static final Map<String, Set<String>> DESTINATION_USERS = Map.of(
            "dns", Set.copyOf(ChartObjectsTest.COMPONENTS),
            "kafka", Set.copyOf(ChartObjectsTest.COMPONENTS),
            "postgresql", Set.copyOf(ChartObjectsTest.COMPONENTS),
            "otlp", Set.copyOf(ChartObjectsTest.COMPONENTS),
            "llm", Set.of("content-service"),
            "smtp", Set.of("automation-service"),
            "providers", Set.of("automation-service"));

    /**
     * Components each component calls over REST; the others call none. channel-optimizer reads
     * profile-service's interest export, on by default (channelOptimizer.interestEmbedding.enabled).
     */
    static final Map<String, Set<String>> CALLEES = Map.of(
            "automation-service", Set.of("profile-service", "content-service", "channel-optimizer"),
            "channel-optimizer", Set.of("profile-service"));

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    private static final String NAME_LABEL = "app.kubernetes.io/name";
    /** Pod labels that Strimzi and CloudNativePG put on the pods of their clusters. */
    private static final String STRIMZI_CLUSTER = "strimzi.io/cluster";
    private static final String CNPG_CLUSTER = "cnpg.io/cluster";

    /** One destination from the values: its NetworkPolicyPeer list as plain maps, and its ports. */
    record Destination(List<Object> to, Set<Integer> ports) {
    }

    static Stream<ValuesCase> cases() {
        return ValuesCase.all().stream();
    }

    @ParameterizedTest
    @MethodSource("cases")
    void everyEgressRuleHasKnownTarget(ValuesCase valuesCase) {
        assertKnownTargets(valuesCase);
    }

    @Test
    void egressCaseReachesEachDestination() {
        ValuesCase egress = ValuesCase.named("egress");
        Map<String, Set<String>> targets = assertKnownTargets(egress);

        for (String component : ChartObjectsTest.COMPONENTS) {
            Set<String> reached = targets.get(component);
            for (String common : List.of("dns", "kafka", "postgresql", "otlp")) {
                assertTrue(reached.contains(common), component + " reaches " + common + ": " + reached);
            }
        }
        assertTrue(targets.get("content-service").contains("llm"), "content-service reaches the LLM endpoint");
        Set<String> automation = targets.get("automation-service");
        assertTrue(automation.contains("smtp"), "automation-service reaches the SMTP relay: " + automation);
        assertTrue(automation.contains("providers"), "automation-service reaches the providers: " + automation);
        assertTrue(automation.contains(CALLED_SERVICES), "automation-service reaches the services it calls");
        Set<String> optimizer = targets.get("channel-optimizer");
        assertTrue(optimizer.contains(CALLED_SERVICES), "channel-optimizer reaches profile-service: " + optimizer);
    }

    @Test
    void optimizerWithoutEmbeddingCallsNothing(@TempDir Path directory) throws IOException {
        Path values = directory.resolve("no-embedding-values.yaml");
        Files.writeString(values, "networkPolicy:\n  egress:\n    enabled: true\n"
                + "channelOptimizer:\n  interestEmbedding:\n    enabled: false\n");
        RenderedChart chart = RenderedChart.of(new ValuesCase("no-embedding", ValuesCase.OTHER_RELEASE, values));

        NetworkPolicy optimizer = policyOf(chart, "channel-optimizer");
        NetworkPolicy profile = policyOf(chart, "profile-service");
        assertFalse(optimizer.getSpec().getEgress().stream()
                .filter(rule -> rule.getTo().stream().allMatch(NetworkEgressTest::isPodPeerInNamespace))
                .anyMatch(rule -> !calledComponents(rule, chart).isEmpty()), "egress rule to a service");
        assertFalse(profile.getSpec().getIngress().stream()
                .flatMap(rule -> rule.getFrom().stream())
                .anyMatch(peer -> peer.getPodSelector() != null
                        && "channel-optimizer".equals(peer.getPodSelector().getMatchLabels().get(NAME_LABEL))),
                "profile-service admits channel-optimizer");
    }

    @Test
    void profileAdmitsOptimizerByDefault() {
        RenderedChart chart = RenderedChart.of(ValuesCase.named("egress"));

        NetworkPolicy profile = policyOf(chart, "profile-service");
        assertTrue(profile.getSpec().getIngress().stream()
                .flatMap(rule -> rule.getFrom().stream())
                .anyMatch(peer -> peer.getPodSelector() != null
                        && "channel-optimizer".equals(peer.getPodSelector().getMatchLabels().get(NAME_LABEL))),
                "profile-service admits channel-optimizer");
    }

    private static NetworkPolicy policyOf(RenderedChart chart, String component) {
        return chart.all(NetworkPolicy.class).stream()
                .filter(policy -> component.equals(policy.getSpec().getPodSelector().getMatchLabels().get(NAME_LABEL)))
                .findFirst().orElseThrow();
    }

    @Test
    void operatorsCaseReachesInClusterPods() {
        ValuesCase operators = ValuesCase.named("operators");
        Map<String, Set<String>> targets = assertKnownTargets(operators);

        for (String component : ChartObjectsTest.COMPONENTS) {
            Set<String> reached = targets.get(component);
            assertTrue(reached.contains(STRIMZI_KAFKA), component + " reaches the Strimzi Kafka nodes: " + reached);
            assertTrue(reached.contains(CNPG_POSTGRESQL), component + " reaches its CloudNativePG Cluster: " + reached);
            // The values' external destinations point at other namespaces, so they must not be rendered as well.
            assertFalse(reached.contains("kafka"), component + " keeps the external Kafka rule: " + reached);
            assertFalse(reached.contains("postgresql"), component + " keeps the external PostgreSQL rule: " + reached);
        }
    }

    @Test
    void providerEgressOffByDefault(@TempDir Path directory) throws IOException {
        Path values = directory.resolve("egress-only-values.yaml");
        Files.writeString(values, "networkPolicy:\n  egress:\n    enabled: true\n");
        ValuesCase egressOnly = new ValuesCase("egress-only", ValuesCase.OTHER_RELEASE, values);

        Map<String, Set<String>> targets = assertKnownTargets(egressOnly);

        Set<String> automation = targets.get("automation-service");
        assertFalse(automation.contains("smtp"), "SMTP egress without configured peers: " + automation);
        assertFalse(automation.contains("providers"), "provider egress without configured peers: " + automation);
        assertFalse(targets.get("content-service").contains("llm"), "LLM egress without llm.baseUrl");
        assertTrue(automation.contains("dns"), "DNS egress of automation-service: " + automation);
    }

    /**
     * Asserts that every egress rule of the case has peers and one known target that its pod may
     * use, and returns the targets each component's policy admits.
     */
    private static Map<String, Set<String>> assertKnownTargets(ValuesCase valuesCase) {
        RenderedChart chart = RenderedChart.of(valuesCase);
        Map<String, Destination> destinations = destinations(valuesCase);
        Map<String, Set<String>> targets = new LinkedHashMap<>();

        for (NetworkPolicy policy : chart.all(NetworkPolicy.class)) {
            String component = policy.getSpec().getPodSelector().getMatchLabels().get(NAME_LABEL);
            Set<String> reached = targets.computeIfAbsent(component, key -> new TreeSet<>());
            if (policy.getSpec().getEgress() == null) {
                continue;
            }
            for (NetworkPolicyEgressRule rule : policy.getSpec().getEgress()) {
                String where = "egress rule to " + peerMaps(rule) + " of NetworkPolicy "
                        + policy.getMetadata().getName();
                // A rule without peers admits every destination on its ports.
                assertFalse(rule.getTo() == null || rule.getTo().isEmpty(), where + " has no peers");

                String target = targetOf(rule, component, destinations, chart, where);
                reached.add(target);
                if (target.equals(CALLED_SERVICES)) {
                    assertEquals(CALLEES.getOrDefault(component, Set.of()), calledComponents(rule, chart),
                            where + " admits services " + component + " does not call");
                } else if (!target.equals(STRIMZI_KAFKA) && !target.equals(CNPG_POSTGRESQL)) {
                    assertTrue(DESTINATION_USERS.get(target).contains(component),
                            where + " lets " + component + " reach " + target);
                }
            }
        }
        return targets;
    }

    /**
     * Returns the one destination that the rule admits: a destination of the values, the pods of
     * a rendered operator resource (the Kafka nodes, the component's own PostgreSQL Cluster), or
     * the called services.
     */
    private static String targetOf(NetworkPolicyEgressRule rule, String component,
            Map<String, Destination> destinations, RenderedChart chart, String where) {
        if (rule.getTo().stream().allMatch(NetworkEgressTest::isPodPeerInNamespace)) {
            Set<String> operatorTargets = new TreeSet<>();
            for (NetworkPolicyPeer peer : rule.getTo()) {
                Map<String, String> labels = peer.getPodSelector().getMatchLabels();
                if (labels.containsKey(STRIMZI_CLUSTER)) {
                    assertEquals(Set.of(labels.get(STRIMZI_CLUSTER)), renderedNames(chart, "Kafka"),
                            where + " selects the brokers of a rendered Kafka");
                    // The Kafka nodes, not the entity operator, which has the same strimzi.io/cluster label.
                    assertEquals(labels.get(STRIMZI_CLUSTER) + "-kafka", labels.get("strimzi.io/name"),
                            where + " selects the Kafka node pods");
                    operatorTargets.add(STRIMZI_KAFKA);
                } else if (labels.containsKey(CNPG_CLUSTER)) {
                    String own = chart.all(Deployment.class).stream()
                            .filter(deployment -> component.equals(
                                    deployment.getSpec().getTemplate().getMetadata().getLabels().get(NAME_LABEL)))
                            .findFirst().orElseThrow().getMetadata().getName() + "-db";
                    assertEquals(own, labels.get(CNPG_CLUSTER), where + " selects the component's own Cluster");
                    assertTrue(renderedNames(chart, "Cluster").contains(own), where + " selects a rendered Cluster");
                    operatorTargets.add(CNPG_POSTGRESQL);
                }
            }
            if (!operatorTargets.isEmpty()) {
                assertEquals(1, operatorTargets.size(), where + " mixes operator targets " + operatorTargets);
                assertEquals(1, rule.getTo().size(), where + " has one operator peer");
                return operatorTargets.iterator().next();
            }
            assertFalse(calledComponents(rule, chart).isEmpty(), where + " selects no rendered pod");
            return CALLED_SERVICES;
        }
        List<Object> peers = peerMaps(rule);
        Set<Integer> ports = rule.getPorts().stream().map(NetworkPolicyPort::getPort)
                .map(port -> port.getIntVal()).collect(Collectors.toCollection(TreeSet::new));
        List<String> matching = destinations.entrySet().stream()
                .filter(entry -> entry.getValue().to().equals(peers) && entry.getValue().ports().equals(ports))
                .map(Map.Entry::getKey)
                .toList();

        assertEquals(1, matching.size(), () -> where + " matches destinations " + matching + " of "
                + destinations.keySet());
        return matching.get(0);
    }

    /**
     * Returns the rule's peers as the maps that YAML values hold. Serializing fabric8 objects
     * with Jackson fails on this class path, so the fields are copied by hand.
     */
    private static List<Object> peerMaps(NetworkPolicyEgressRule rule) {
        if (rule.getTo() == null) {
            return List.of();
        }
        List<Object> peers = new ArrayList<>();
        for (NetworkPolicyPeer peer : rule.getTo()) {
            Map<String, Object> map = new LinkedHashMap<>();
            if (peer.getIpBlock() != null) {
                Map<String, Object> ipBlock = new LinkedHashMap<>();
                ipBlock.put("cidr", peer.getIpBlock().getCidr());
                if (peer.getIpBlock().getExcept() != null && !peer.getIpBlock().getExcept().isEmpty()) {
                    ipBlock.put("except", peer.getIpBlock().getExcept());
                }
                map.put("ipBlock", ipBlock);
            }
            if (peer.getNamespaceSelector() != null) {
                map.put("namespaceSelector", selectorMap(peer.getNamespaceSelector()));
            }
            if (peer.getPodSelector() != null) {
                map.put("podSelector", selectorMap(peer.getPodSelector()));
            }
            peers.add(map);
        }
        return peers;
    }

    private static Map<String, Object> selectorMap(LabelSelector selector) {
        Map<String, Object> map = new LinkedHashMap<>();
        if (selector.getMatchLabels() != null && !selector.getMatchLabels().isEmpty()) {
            map.put("matchLabels", selector.getMatchLabels());
        }
        if (selector.getMatchExpressions() != null && !selector.getMatchExpressions().isEmpty()) {
            List<Object> expressions = new ArrayList<>();
            for (LabelSelectorRequirement requirement : selector.getMatchExpressions()) {
                Map<String, Object> expression = new LinkedHashMap<>();
                expression.put("key", requirement.getKey());
                expression.put("operator", requirement.getOperator());
                if (requirement.getValues() != null && !requirement.getValues().isEmpty()) {
                    expression.put("values", requirement.getValues());
                }
                expressions.add(expression);
            }
            map.put("matchExpressions", expressions);
        }
        return map;
    }

    private static Set<String> renderedNames(RenderedChart chart, String kind) {
        return chart.all(GenericKubernetesResource.class).stream()
                .filter(resource -> resource.getKind().equals(kind))
                .map(resource -> resource.getMetadata().getName())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static boolean isPodPeerInNamespace(NetworkPolicyPeer peer) {
        return peer.getPodSelector() != null && peer.getNamespaceSelector() == null && peer.getIpBlock() == null;
    }

    private static Set<String> calledComponents(NetworkPolicyEgressRule rule, RenderedChart chart) {
        Set<String> components = new TreeSet<>();
        for (NetworkPolicyPeer peer : rule.getTo()) {
            Map<String, String> selector = peer.getPodSelector().getMatchLabels();
            for (Deployment deployment : chart.all(Deployment.class)) {
                Map<String, String> labels = deployment.getSpec().getTemplate().getMetadata().getLabels();
                boolean selected = selector.entrySet().stream()
                        .allMatch(entry -> entry.getValue().equals(labels.get(entry.getKey())));
                if (selected) {
                    components.add(labels.get(NAME_LABEL));
                }
            }
        }
        return components;
    }

    /** Returns the destinations under networkPolicy.egress of values.yaml merged with the case's file. */
    @SuppressWarnings("unchecked")
    static Map<String, Destination> destinations(ValuesCase valuesCase) {
        Map<String, Object> values = readYaml(ValuesCase.chartDir().resolve("values.yaml"));
        if (valuesCase.valuesFile() != null) {
            values = merge(values, readYaml(valuesCase.valuesFile()));
        }
        Map<String, Object> egress = (Map<String, Object>) ((Map<String, Object>) values.get("networkPolicy"))
                .get("egress");

        Map<String, Destination> destinations = new LinkedHashMap<>();
        for (String name : DESTINATION_USERS.keySet()) {
            Map<String, Object> destination = (Map<String, Object>) egress.get(name);
            assertTrue(destination != null, "networkPolicy.egress." + name + " missing from the values");
            Set<Integer> ports = ((List<Number>) destination.get("ports")).stream().map(Number::intValue)
                    .collect(Collectors.toCollection(TreeSet::new));
            destinations.put(name, new Destination((List<Object>) destination.get("to"), ports));
        }
        return destinations;
    }

    /** Merges override into base as Helm merges values files: maps key by key, anything else replaced. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> merge(Map<String, Object> base, Map<String, Object> override) {
        Map<String, Object> merged = new LinkedHashMap<>(base);
        override.forEach((key, value) -> {
            if (value instanceof Map<?, ?> map && merged.get(key) instanceof Map<?, ?> existing) {
                merged.put(key, merge((Map<String, Object>) existing, (Map<String, Object>) map));
            } else {
                merged.put(key, value);
            }
        });
        return merged;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> readYaml(Path file) {
        try {
            return SERIALIZATION.unmarshal(Files.readString(file), Map.class);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }
}
