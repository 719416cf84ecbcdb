package io.channelmind.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPBackendRef;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteMatch;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRule;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.openshift.api.model.monitoring.v1.Endpoint;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;

/**
 * Renders the chart for every values case and checks the objects with the fabric8 model: no
 * unknown fields, and references between objects (selectors, ports, autoscaler targets, routes,
 * ConfigMaps and Secrets) that resolve.
 */
class ChartObjectsTest {

    static final List<String> COMPONENTS = List.of("ingestion-service", "profile-service", "content-service",
            "channel-optimizer", "automation-service");

    /** Public path prefixes and the service that serves each. */
    static final Map<String, String> PUBLIC_PATHS = publicPaths();

    static Stream<ValuesCase> cases() {
        return ValuesCase.all().stream();
    }

    private static Map<String, String> publicPaths() {
        Map<String, String> paths = new LinkedHashMap<>();
        paths.put("/v1", "ingestion-service");
        paths.put("/api/v1/imports", "ingestion-service");
        paths.put("/api/v1/mappings", "ingestion-service");
        paths.put("/api/v1/sources", "ingestion-service");
        paths.put("/api/v1/cleaning", "ingestion-service");
        paths.put("/api/v1/audit/ingestion-service", "ingestion-service");
        paths.put("/api/v1/profiles", "profile-service");
        paths.put("/api/v1/segments", "profile-service");
        paths.put("/api/v1/privacy", "profile-service");
        paths.put("/api/v1/audit/profile-service", "profile-service");
        paths.put("/api/v1/copy", "content-service");
        paths.put("/api/v1/audit/content-service", "content-service");
        paths.put("/api/v1/channels", "channel-optimizer");
        paths.put("/api/v1/recommendations", "channel-optimizer");
        paths.put("/api/v1/attribution", "channel-optimizer");
        paths.put("/api/v1/curve-fits", "channel-optimizer");
        paths.put("/api/v1/plans", "channel-optimizer");
        paths.put("/api/v1/response-models", "channel-optimizer");
        paths.put("/optimizer", "channel-optimizer");
        paths.put("/api/v1/audit/channel-optimizer", "channel-optimizer");
        paths.put("/api/v1/campaigns", "automation-service");
        paths.put("/api/v1/journeys", "automation-service");
        paths.put("/api/v1/recurring-campaigns", "automation-service");
        paths.put("/api/v1/budget-plans", "automation-service");
        paths.put("/api/v1/feedback", "automation-service");
        paths.put("/api/v1/unsubscribe", "automation-service");
        paths.put("/api/v1/audit/automation-service", "automation-service");
        return paths;
    }

    @ParameterizedTest
    @MethodSource("cases")
    void everyDocumentHasTypedModel(ValuesCase valuesCase) {
        RenderedChart chart = RenderedChart.of(valuesCase);

        assertFalse(chart.objects().isEmpty(), "helm template rendered no objects");
        // The operator custom resources have no fabric8 model, so OperatorResourcesTest parses them with OperatorModel.
        for (HasMetadata object : chart.objects()) {
            assertFalse(object instanceof GenericKubernetesResource generic
                    && !OperatorModel.SPEC_TYPES.containsKey(OperatorModel.typeKey(generic)),
                    () -> "no fabric8 model class for " + object.getApiVersion() + " " + object.getKind() + " "
                            + object.getMetadata().getName());
        }
    }

    @ParameterizedTest
    @MethodSource("cases")
    void noUnknownFields(ValuesCase valuesCase) {
        for (HasMetadata object : RenderedChart.of(valuesCase).objects()) {
            // A generic resource keeps its whole spec in additionalProperties, so OperatorResourcesTest checks it.
            if (object instanceof GenericKubernetesResource) {
                List<String> unknown = UnknownFields.of(object.getMetadata());
                assertTrue(unknown.isEmpty(), () -> "unknown metadata fields in " + object.getMetadata().getName()
                        + ": " + unknown);
                continue;
            }
            List<String> unknown = UnknownFields.of(object);

            assertTrue(unknown.isEmpty(), () -> object.getKind() + " " + object.getMetadata().getName()
                    + " has fields the Kubernetes API does not define: " + unknown);
        }
    }

    @ParameterizedTest
    @MethodSource("cases")
    void everyServiceHasItsObjects(ValuesCase valuesCase) {
        RenderedChart chart = RenderedChart.of(valuesCase);

        for (String component : COMPONENTS) {
            String name = objectName(valuesCase, component);
            Deployment deployment = chart.find(Deployment.class, name).orElse(null);
            assertNotNull(deployment, "Deployment " + name);
            assertTrue(chart.find(Service.class, name).isPresent(), "Service " + name);
            assertTrue(chart.find(ConfigMap.class, name).isPresent(), "ConfigMap " + name);
            assertTrue(chart.find(ServiceAccount.class, name).isPresent(), "ServiceAccount " + name);
            assertEquals(name, deployment.getSpec().getTemplate().getSpec().getServiceAccountName(),
                    "serviceAccountName of " + name);
        }
    }

    @ParameterizedTest
    @MethodSource("cases")
    void deploymentSelectorsMatchPodLabels(ValuesCase valuesCase) {
        for (Deployment deployment : RenderedChart.of(valuesCase).all(Deployment.class)) {
            Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();
            LabelSelector selector = deployment.getSpec().getSelector();

            assertTrue(selector.getMatchExpressions() == null || selector.getMatchExpressions().isEmpty(),
                    "matchExpressions are not checked by this test");
            assertFalse(selector.getMatchLabels().isEmpty(), "empty selector of " + name(deployment));
            assertTrue(matches(selector.getMatchLabels(), podLabels),
                    () -> name(deployment) + " selector " + selector.getMatchLabels() + " vs pod labels " + podLabels);
        }
    }

    @ParameterizedTest
    @MethodSource("cases")
    void serviceSelectorsMatchOneDeployment(ValuesCase valuesCase) {
        RenderedChart chart = RenderedChart.of(valuesCase);

        for (Service service : chart.all(Service.class)) {
            List<Deployment> selected = selectedBy(chart, service.getSpec().getSelector());

            assertEquals(1, selected.size(), () -> "Deployments selected by Service " + name(service));
        }
    }

    @ParameterizedTest
    @MethodSource("cases")
    void serviceTargetPortsMatchContainerPorts(ValuesCase valuesCase) {
        RenderedChart chart = RenderedChart.of(valuesCase);

        for (Service service : chart.all(Service.class)) {
            List<Deployment> selected = selectedBy(chart, service.getSpec().getSelector());
            assertEquals(1, selected.size(), () -> "Deployments selected by Service " + name(service));
            List<ContainerPort> containerPorts = containerPorts(selected.get(0));

            for (ServicePort port : service.getSpec().getPorts()) {
                assertTrue(portExists(port.getTargetPort(), containerPorts),
                        () -> "Service " + name(service) + " targetPort " + port.getTargetPort().getValue()
                                + " is not a container port of " + name(selected.get(0)));
            }
        }
    }

    @ParameterizedTest
    @MethodSource("cases")
    void disruptionBudgetsSelectDeployments(ValuesCase valuesCase) {
        RenderedChart chart = RenderedChart.of(valuesCase);

        for (PodDisruptionBudget budget : chart.all(PodDisruptionBudget.class)) {
            List<Deployment> selected = selectedBy(chart, budget.getSpec().getSelector().getMatchLabels());

            assertEquals(1, selected.size(), () -> "Deployments selected by PodDisruptionBudget " + name(budget));
        }
    }

    @ParameterizedTest
    @MethodSource("cases")
    void autoscalerTargetsExist(ValuesCase valuesCase) {
        RenderedChart chart = RenderedChart.of(valuesCase);
        Set<String> scaled = new HashSet<>();

        for (GenericKubernetesResource scaledObject : chart.all(GenericKubernetesResource.class)) {
            if (scaledObject.getKind().equals("ScaledObject")) {
                scaled.add(OperatorModel.spec(scaledObject, OperatorModel.ScaledObjectSpec.class).scaleTargetRef()
                        .name());
            }
        }
        for (HorizontalPodAutoscaler autoscaler : chart.all(HorizontalPodAutoscaler.class)) {
            var target = autoscaler.getSpec().getScaleTargetRef();
            assertEquals("apps/v1", target.getApiVersion(), "scaleTargetRef.apiVersion of " + name(autoscaler));
            assertEquals("Deployment", target.getKind(), "scaleTargetRef.kind of " + name(autoscaler));
            assertTrue(chart.find(Deployment.class, target.getName()).isPresent(),
                    () -> "HorizontalPodAutoscaler " + name(autoscaler) + " targets missing Deployment "
                            + target.getName());
            assertTrue(autoscaler.getSpec().getMinReplicas() <= autoscaler.getSpec().getMaxReplicas(),
                    "minReplicas <= maxReplicas in " + name(autoscaler));
            scaled.add(target.getName());
        }

        // The autoscaler owns spec.replicas, so a fixed count in the Deployment would reset it on every upgrade.
        for (Deployment deployment : chart.all(Deployment.class)) {
            if (scaled.contains(name(deployment))) {
                assertNull(deployment.getSpec().getReplicas(), "replicas of autoscaled " + name(deployment));
            } else {
                assertNotNull(deployment.getSpec().getReplicas(), "replicas of " + name(deployment));
            }
        }
    }

    @ParameterizedTest
    @MethodSource("cases")
    void routeBackendsAreServicePorts(ValuesCase valuesCase) {
        RenderedChart chart = RenderedChart.of(valuesCase);

        for (HTTPRoute route : chart.all(HTTPRoute.class)) {
            assertFalse(route.getSpec().getParentRefs().isEmpty(), "parentRefs of HTTPRoute " + name(route));
            for (HTTPRouteRule rule : route.getSpec().getRules()) {
                for (HTTPBackendRef backend : rule.getBackendRefs()) {
                    assertTrue(backend.getKind() == null || backend.getKind().equals("Service"),
                            "backendRef kind in " + name(route));
                    Service service = chart.find(Service.class, backend.getName()).orElse(null);
                    assertNotNull(service, "Service " + backend.getName() + " of HTTPRoute " + name(route));
                    assertTrue(service.getSpec().getPorts().stream()
                            .anyMatch(port -> port.getPort().equals(backend.getPort())),
                            () -> "port " + backend.getPort() + " of Service " + backend.getName());
                }
            }
        }
        for (Ingress ingress : chart.all(Ingress.class)) {
            for (IngressRule rule : ingress.getSpec().getRules()) {
                for (HTTPIngressPath path : rule.getHttp().getPaths()) {
                    var backend = path.getBackend().getService();
                    Service service = chart.find(Service.class, backend.getName()).orElse(null);
                    assertNotNull(service, "Service " + backend.getName() + " of Ingress path " + path.getPath());
                    assertTrue(service.getSpec().getPorts().stream()
                            .anyMatch(port -> backend.getPort().getName() != null
                                    ? backend.getPort().getName().equals(port.getName())
                                    : backend.getPort().getNumber().equals(port.getPort())),
                            () -> "port of Service " + backend.getName() + " for Ingress path " + path.getPath());
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("cases")
    void publicPathsReachOwningService(ValuesCase valuesCase) {
        RenderedChart chart = RenderedChart.of(valuesCase);
        Map<String, List<String>> routed = routedPaths(chart);

        if (chart.all(HTTPRoute.class).isEmpty() && chart.all(Ingress.class).isEmpty()) {
            assertTrue(routed.isEmpty(), "no routes without HTTPRoute or Ingress");
            return;
        }
        assertEquals(PUBLIC_PATHS.keySet(), routed.keySet(), "routed path prefixes");
        PUBLIC_PATHS.forEach((path, component) -> assertEquals(List.of(objectName(valuesCase, component)),
                routed.get(path), "backend Services of " + path));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void probesUseHealthEndpoints(ValuesCase valuesCase) {
        for (Deployment deployment : RenderedChart.of(valuesCase).all(Deployment.class)) {
            for (Container container : deployment.getSpec().getTemplate().getSpec().getContainers()) {
                String where = name(deployment) + "/" + container.getName();
                assertProbe(container.getStartupProbe(), "/q/health/started", container, where + " startupProbe");
                assertProbe(container.getReadinessProbe(), "/q/health/ready", container, where + " readinessProbe");
                assertProbe(container.getLivenessProbe(), "/q/health/live", container, where + " livenessProbe");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("cases")
    void containersRunRestricted(ValuesCase valuesCase) {
        for (Deployment deployment : RenderedChart.of(valuesCase).all(Deployment.class)) {
            PodSpec pod = deployment.getSpec().getTemplate().getSpec();
            assertEquals(Boolean.TRUE, pod.getSecurityContext().getRunAsNonRoot(), "pod runAsNonRoot of "
                    + name(deployment));
            assertEquals(Boolean.FALSE, pod.getAutomountServiceAccountToken(), "automountServiceAccountToken of "
                    + name(deployment));
            Volume tmp = pod.getVolumes().stream().filter(volume -> volume.getName().equals("tmp")).findFirst()
                    .orElse(null);
            assertNotNull(tmp, "tmp volume of " + name(deployment));
            assertNotNull(tmp.getEmptyDir(), "tmp volume is an emptyDir in " + name(deployment));

            for (Container container : pod.getContainers()) {
                String where = name(deployment) + "/" + container.getName();
                var security = container.getSecurityContext();
                assertEquals(Boolean.TRUE, security.getRunAsNonRoot(), where + " runAsNonRoot");
                assertEquals(Boolean.TRUE, security.getReadOnlyRootFilesystem(), where + " readOnlyRootFilesystem");
                assertEquals(Boolean.FALSE, security.getAllowPrivilegeEscalation(), where
                        + " allowPrivilegeEscalation");
                assertEquals(List.of("ALL"), security.getCapabilities().getDrop(), where + " capabilities.drop");
                assertTrue(container.getVolumeMounts().stream()
                        .anyMatch(mount -> mount.getName().equals("tmp") && mount.getMountPath().equals("/tmp")),
                        where + " mounts the tmp emptyDir at /tmp");
                for (String resource : List.of("cpu", "memory")) {
                    assertNotNull(container.getResources().getRequests().get(resource), where + " requests." + resource);
                    assertNotNull(container.getResources().getLimits().get(resource), where + " limits." + resource);
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("cases")
    void referencedConfigMapsExist(ValuesCase valuesCase) {
        RenderedChart chart = RenderedChart.of(valuesCase);

        for (Deployment deployment : chart.all(Deployment.class)) {
            for (Container container : deployment.getSpec().getTemplate().getSpec().getContainers()) {
                for (EnvFromSource source : container.getEnvFrom()) {
                    assertNull(source.getSecretRef(), "envFrom a whole Secret in " + name(deployment));
                    String configMap = source.getConfigMapRef().getName();
                    assertTrue(chart.find(ConfigMap.class, configMap).isPresent(),
                            () -> "ConfigMap " + configMap + " used by " + name(deployment));
                }
                for (EnvVar variable : container.getEnv()) {
                    var configMapKey = variable.getValueFrom() == null ? null
                            : variable.getValueFrom().getConfigMapKeyRef();
                    if (configMapKey != null) {
                        ConfigMap configMap = chart.find(ConfigMap.class, configMapKey.getName()).orElse(null);
                        assertNotNull(configMap, "ConfigMap " + configMapKey.getName());
                        assertTrue(configMap.getData().containsKey(configMapKey.getKey()),
                                "key " + configMapKey.getKey() + " of ConfigMap " + configMapKey.getName());
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("cases")
    void referencedSecretsAreDocumented(ValuesCase valuesCase) {
        RenderedChart chart = RenderedChart.of(valuesCase);
        Set<SecretDocs.SecretKey> documented = new HashSet<>(SecretDocs.userProvided());
        // CloudNativePG generates the Secret <cluster>-app with the owner's password for each Cluster.
        for (GenericKubernetesResource cluster : chart.all(GenericKubernetesResource.class)) {
            if (cluster.getKind().equals("Cluster")) {
                documented.add(new SecretDocs.SecretKey(cluster.getMetadata().getName() + "-app", "password"));
            }
        }

        assertTrue(chart.all(Secret.class).isEmpty(), "the chart creates no Secret");
        for (Deployment deployment : chart.all(Deployment.class)) {
            for (Container container : deployment.getSpec().getTemplate().getSpec().getContainers()) {
                for (EnvVar variable : container.getEnv()) {
                    assertNull(variable.getValue(), () -> variable.getName() + " of " + name(deployment)
                            + " has a literal value; plain settings belong in the ConfigMap");
                    SecretKeySelector secretKey = variable.getValueFrom().getSecretKeyRef();
                    assertNotNull(secretKey, variable.getName() + " of " + name(deployment) + " is a secretKeyRef");
                    var reference = new SecretDocs.SecretKey(secretKey.getName(), secretKey.getKey());
                    assertTrue(documented.contains(reference), () -> "Secret " + reference
                            + " is not listed under \"Secrets you provide\" in k8s/README.md " + documented);
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("cases")
    void configMapsMatchRenderedObjects(ValuesCase valuesCase) {
        RenderedChart chart = RenderedChart.of(valuesCase);

        for (String component : COMPONENTS) {
            String name = objectName(valuesCase, component);
            Map<String, String> data = chart.find(ConfigMap.class, name).orElseThrow().getData();
            Deployment deployment = chart.find(Deployment.class, name).orElseThrow();
            String port = String.valueOf(containerPorts(deployment).get(0).getContainerPort());

            assertEquals(port, data.get("QUARKUS_HTTP_PORT"), "QUARKUS_HTTP_PORT of " + name);
            for (String key : List.of("KAFKA_BOOTSTRAP_SERVERS", "QUARKUS_DATASOURCE_USERNAME")) {
                assertFalse(data.getOrDefault(key, "").isBlank(), key + " of " + name);
            }
            assertTrue(data.get("QUARKUS_DATASOURCE_JDBC_URL").startsWith("jdbc:postgresql://"), "JDBC URL of " + name);
            assertTrue(data.get("QUARKUS_DATASOURCE_REACTIVE_URL").startsWith("postgresql://"), "reactive URL of "
                    + name);
        }

        // automation-service reaches the other services through their Services, on a Service port.
        Map<String, String> automation = chart.find(ConfigMap.class, objectName(valuesCase, "automation-service"))
                .orElseThrow().getData();
        Map<String, String> clients = Map.of(
                "QUARKUS_REST_CLIENT_PROFILE_SERVICE_URL", "profile-service",
                "QUARKUS_REST_CLIENT_CONTENT_SERVICE_URL", "content-service",
                "QUARKUS_REST_CLIENT_CHANNEL_OPTIMIZER_URL", "channel-optimizer");
        clients.forEach((key, component) -> {
            URI url = URI.create(automation.get(key));
            assertEquals(objectName(valuesCase, component), url.getHost(), key);
            Service service = chart.find(Service.class, url.getHost()).orElseThrow();
            assertTrue(service.getSpec().getPorts().stream().anyMatch(port -> port.getPort() == url.getPort()),
                    key + " port");
        });

        // channel-optimizer reads the interest export through the profile-service Service.
        Map<String, String> optimizer = chart.find(ConfigMap.class, objectName(valuesCase, "channel-optimizer"))
                .orElseThrow().getData();
        URI profileUrl = URI.create(optimizer.get("CHANNELMIND_OPTIMIZER_PROFILE_SERVICE_URL"));
        assertEquals(objectName(valuesCase, "profile-service"), profileUrl.getHost(), "optimizer's profile-service URL");
        assertTrue(chart.find(Service.class, profileUrl.getHost()).orElseThrow().getSpec().getPorts().stream()
                .anyMatch(port -> port.getPort() == profileUrl.getPort()), "optimizer's profile-service port");
    }

    @ParameterizedTest
    @MethodSource("cases")
    void feedbackLinksUseSharedKey(ValuesCase valuesCase) {
        RenderedChart chart = RenderedChart.of(valuesCase);
        String name = objectName(valuesCase, "automation-service");
        Map<String, String> config = chart.find(ConfigMap.class, name).orElseThrow().getData();

        // The links point at a public path of automation-service.
        for (String key : List.of("AUTOMATION_FEEDBACK_TRACKING_BASE_URL", "AUTOMATION_MAIL_UNSUBSCRIBE_BASE_URL")) {
            String path = URI.create(config.get(key)).getPath();
            assertEquals("automation-service", PUBLIC_PATHS.get(path), key + " path " + path);
        }

        // Every replica reads the signing key from the same Secret key, never from a literal value.
        assertReadFromSecret(chart, name, "AUTOMATION_FEEDBACK_SIGNING_KEY");
    }

    @ParameterizedTest
    @MethodSource("cases")
    void profileKeysComeFromSecrets(ValuesCase valuesCase) {
        RenderedChart chart = RenderedChart.of(valuesCase);
        String name = objectName(valuesCase, "profile-service");

        // Every replica reads the erasure-record and consent-token keys from the same Secret keys.
        assertReadFromSecret(chart, name, "CHANNELMIND_PROFILE_ERASURE_HASH_KEY");
        assertReadFromSecret(chart, name, "CHANNELMIND_CONSENT_TOKEN_SECRET");
    }

    @ParameterizedTest
    @MethodSource("cases")
    void keyEncryptionKeyComesFromSecret(ValuesCase valuesCase) {
        RenderedChart chart = RenderedChart.of(valuesCase);

        // Every replica of every service wraps or unwraps data keys with the same key: the ones in
        // its database, and the ones that travel on cm.customer-events and cm.privacy-confirmations.
        for (String service : List.of("ingestion-service", "profile-service", "content-service", "channel-optimizer",
                "automation-service")) {
            String name = objectName(valuesCase, service);
            assertReadFromSecret(chart, name, "CHANNELMIND_CRYPTO_KEK");
            assertReadFromSecret(chart, name, "CHANNELMIND_CRYPTO_PREVIOUS_KEKS");
        }
    }

    /** Asserts that the Deployment {@code name} reads {@code variable} from a Secret key, not a literal or its ConfigMap. */
    private static void assertReadFromSecret(RenderedChart chart, String name, String variable) {
        EnvVar entry = chart.find(Deployment.class, name).orElseThrow().getSpec().getTemplate().getSpec()
                .getContainers().get(0).getEnv().stream()
                .filter(candidate -> candidate.getName().equals(variable))
                .findFirst()
                .orElseThrow(() -> new AssertionError(variable + " not set in " + name));
        assertNull(entry.getValue(), "literal " + variable + " in " + name);
        assertNotNull(entry.getValueFrom().getSecretKeyRef(), "Secret of " + variable);
        Map<String, String> config = chart.find(ConfigMap.class, name).orElseThrow().getData();
        assertFalse(config.containsKey(variable), variable + " in the ConfigMap of " + name);
    }

    @ParameterizedTest
    @MethodSource("cases")
    void tracingExportsOnlyWithEndpoint(ValuesCase valuesCase) {
        for (ConfigMap configMap : RenderedChart.of(valuesCase).all(ConfigMap.class)) {
            Map<String, String> data = configMap.getData();
            String where = "ConfigMap " + name(configMap);
            String endpoint = data.get("QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT");

            // The kubernetes profile switches on JSON logs; prod must stay, or the %prod settings are lost.
            assertEquals("prod,kubernetes", data.get("QUARKUS_PROFILE"), where + " QUARKUS_PROFILE");
            if (endpoint == null) {
                assertNull(data.get("QUARKUS_OTEL_SDK_DISABLED"), where + " leaves the OpenTelemetry SDK off");
            } else {
                assertTrue(endpoint.startsWith("http"), where + " OTLP endpoint " + endpoint);
                assertEquals("false", data.get("QUARKUS_OTEL_SDK_DISABLED"), where + " switches the SDK on");
            }
        }
        if (valuesCase.name().equals("default")) {
            assertTrue(RenderedChart.of(valuesCase).all(ConfigMap.class).stream()
                    .noneMatch(configMap -> configMap.getData().containsKey("QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT")),
                    "the default values export no traces");
        }
    }

    @ParameterizedTest
    @MethodSource("cases")
    void networkPoliciesSelectRenderedPods(ValuesCase valuesCase) {
        RenderedChart chart = RenderedChart.of(valuesCase);

        for (NetworkPolicy policy : chart.all(NetworkPolicy.class)) {
            List<Deployment> selected = selectedBy(chart, policy.getSpec().getPodSelector().getMatchLabels());
            assertEquals(1, selected.size(), () -> "Deployments selected by NetworkPolicy " + name(policy));
            List<ContainerPort> containerPorts = containerPorts(selected.get(0));

            for (NetworkPolicyIngressRule rule : Optional.ofNullable(policy.getSpec().getIngress()).orElse(List.of())) {
                for (NetworkPolicyPort port : rule.getPorts()) {
                    assertTrue(portExists(port.getPort(), containerPorts),
                            () -> "NetworkPolicy " + name(policy) + " port " + port.getPort().getValue());
                }
                for (NetworkPolicyPeer peer : rule.getFrom()) {
                    if (peer.getPodSelector() != null && peer.getNamespaceSelector() == null) {
                        assertEquals(1, selectedBy(chart, peer.getPodSelector().getMatchLabels()).size(),
                                () -> "Deployments selected by a podSelector peer of " + name(policy));
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("cases")
    void serviceMonitorsScrapeServicePorts(ValuesCase valuesCase) {
        RenderedChart chart = RenderedChart.of(valuesCase);

        for (ServiceMonitor monitor : chart.all(ServiceMonitor.class)) {
            Map<String, String> selector = monitor.getSpec().getSelector().getMatchLabels();
            List<Service> selected = chart.all(Service.class).stream()
                    .filter(service -> matches(selector, service.getMetadata().getLabels()))
                    .toList();
            assertEquals(1, selected.size(), () -> "Services selected by ServiceMonitor " + name(monitor));

            for (Endpoint endpoint : monitor.getSpec().getEndpoints()) {
                assertEquals("/q/metrics", endpoint.getPath(), "metrics path of " + name(monitor));
                assertTrue(selected.get(0).getSpec().getPorts().stream()
                        .anyMatch(port -> port.getName().equals(endpoint.getPort())),
                        () -> "port " + endpoint.getPort() + " of ServiceMonitor " + name(monitor));
            }
        }
    }

    private static void assertProbe(Probe probe, String path, Container container, String where) {
        assertNotNull(probe, where);
        assertNotNull(probe.getHttpGet(), where + " is an httpGet probe");
        assertEquals(path, probe.getHttpGet().getPath(), where + " path");
        assertTrue(portExists(probe.getHttpGet().getPort(), container.getPorts()), where + " port");
    }

    /** Returns the Service names behind each routed path prefix, from the HTTPRoutes and Ingresses. */
    static Map<String, List<String>> routedPaths(RenderedChart chart) {
        Map<String, List<String>> routed = new LinkedHashMap<>();
        for (HTTPRoute route : chart.all(HTTPRoute.class)) {
            for (HTTPRouteRule rule : route.getSpec().getRules()) {
                List<String> backends = rule.getBackendRefs().stream().map(HTTPBackendRef::getName).toList();
                for (HTTPRouteMatch match : rule.getMatches()) {
                    assertEquals("PathPrefix", match.getPath().getType(), "path match type in " + name(route));
                    routed.computeIfAbsent(match.getPath().getValue(), path -> new ArrayList<>()).addAll(backends);
                }
            }
        }
        for (Ingress ingress : chart.all(Ingress.class)) {
            for (IngressRule rule : ingress.getSpec().getRules()) {
                for (HTTPIngressPath path : rule.getHttp().getPaths()) {
                    assertEquals("Prefix", path.getPathType(), "pathType of " + path.getPath());
                    routed.computeIfAbsent(path.getPath(), key -> new ArrayList<>())
                            .add(path.getBackend().getService().getName());
                }
            }
        }
        return routed;
    }

    static String objectName(ValuesCase valuesCase, String component) {
        String prefix = valuesCase.releaseName().contains("channelmind") ? valuesCase.releaseName()
                : valuesCase.releaseName() + "-channelmind";
        return prefix + "-" + component;
    }

    private static List<Deployment> selectedBy(RenderedChart chart, Map<String, String> selector) {
        if (selector == null || selector.isEmpty()) {
            fail("empty selector selects every pod");
        }
        return chart.all(Deployment.class).stream()
                .filter(deployment -> matches(selector, deployment.getSpec().getTemplate().getMetadata().getLabels()))
                .toList();
    }

    private static boolean matches(Map<String, String> selector, Map<String, String> labels) {
        return selector.entrySet().stream().allMatch(entry -> entry.getValue().equals(labels.get(entry.getKey())));
    }

    private static List<ContainerPort> containerPorts(Deployment deployment) {
        return deployment.getSpec().getTemplate().getSpec().getContainers().stream()
                .flatMap(container -> container.getPorts().stream())
                .toList();
    }

    private static boolean portExists(IntOrString port, List<ContainerPort> containerPorts) {
        if (port.getStrVal() != null) {
            return containerPorts.stream().anyMatch(candidate -> port.getStrVal().equals(candidate.getName()));
        }
        return containerPorts.stream().anyMatch(candidate -> port.getIntVal().equals(candidate.getContainerPort()));
    }

    private static String name(HasMetadata object) {
        return object.getMetadata().getName();
    }
}
