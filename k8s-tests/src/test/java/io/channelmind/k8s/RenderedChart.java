package io.channelmind.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesList;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/** Objects that {@code helm template} renders for one values case, parsed with the fabric8 model. */
record RenderedChart(ValuesCase valuesCase, String yaml, List<HasMetadata> objects) {

    /** Kubernetes version the chart is rendered for. helm checks it against kubeVersion in Chart.yaml. */
    static final String KUBE_VERSION = "1.35.0";
    /** API version and kind that the Gateway API CRDs add. The chart fails to render HTTPRoutes without it. */
    static final String GATEWAY_API = "gateway.networking.k8s.io/v1/HTTPRoute";
    /** API version and kind of the Prometheus Operator CRD. The chart fails to render ServiceMonitors without it. */
    static final String SERVICE_MONITOR_API = "monitoring.coreos.com/v1/ServiceMonitor";
    /** Operator CRD APIs (Strimzi, CloudNativePG, KEDA). The chart fails to render their objects without them. */
    static final List<String> OPERATOR_APIS = List.of("kafka.strimzi.io/v1beta2/Kafka",
            "kafka.strimzi.io/v1beta2/KafkaNodePool", "kafka.strimzi.io/v1beta2/KafkaTopic",
            "postgresql.cnpg.io/v1/Cluster", "keda.sh/v1alpha1/ScaledObject");

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    private static final Map<String, RenderedChart> CACHE = new ConcurrentHashMap<>();

    /** Renders the chart for the case once per test JVM and parses every document. */
    static RenderedChart of(ValuesCase valuesCase) {
        return CACHE.computeIfAbsent(valuesCase.name(), name -> render(valuesCase));
    }

    private static RenderedChart render(ValuesCase valuesCase) {
        return render(HelmTool.HELM_4, valuesCase);
    }

    /** Renders the chart for the case with the given helm, with every CRD API the chart can use. */
    static RenderedChart render(HelmTool helm, ValuesCase valuesCase) {
        HelmTool.Result result = helm.execute(templateArguments(valuesCase));
        assertEquals(0, result.exitCode(), () -> "helm template for " + valuesCase + " failed: " + result.describe());

        return new RenderedChart(valuesCase, result.stdout(), parse(result.stdout()));
    }

    /** Returns the helm template arguments for the case, with every CRD API the chart can use. */
    static List<String> templateArguments(ValuesCase valuesCase) {
        List<String> arguments = new ArrayList<>(List.of("template", valuesCase.releaseName(),
                ValuesCase.chartDir().toString(), "--kube-version", KUBE_VERSION,
                "--api-versions", GATEWAY_API, "--api-versions", SERVICE_MONITOR_API));
        for (String api : OPERATOR_APIS) {
            arguments.add("--api-versions");
            arguments.add(api);
        }
        arguments.addAll(valuesCase.valuesArguments());
        return arguments;
    }

    /** Parses multi-document YAML into typed objects and drops empty documents. */
    static List<HasMetadata> parse(String yaml) {
        Object parsed = SERIALIZATION.unmarshal(yaml);
        List<HasMetadata> objects = new ArrayList<>();
        if (parsed instanceof List<?> list) {
            for (Object item : list) {
                add(objects, item);
            }
        } else {
            add(objects, parsed);
        }
        return objects;
    }

    private static void add(List<HasMetadata> objects, Object item) {
        if (item == null) {
            return;
        }
        if (item instanceof KubernetesList list) {
            objects.addAll(list.getItems());
        } else if (item instanceof HasMetadata object) {
            objects.add(object);
        } else {
            throw new AssertionError("Rendered document is not a Kubernetes object: " + item.getClass().getName());
        }
    }

    <T extends HasMetadata> List<T> all(Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    <T extends HasMetadata> Optional<T> find(Class<T> type, String name) {
        return all(type).stream().filter(object -> object.getMetadata().getName().equals(name)).findFirst();
    }
}
