package io.channelmind.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs {@code helm lint --strict} (which also checks the values against values.schema.json) for
 * each values case, and checks that invalid values and missing CRD APIs stop the chart.
 */
class ChartLintTest {

    static Stream<ValuesCase> cases() {
        return ValuesCase.all().stream();
    }

    @ParameterizedTest
    @MethodSource("cases")
    void lintStrictPasses(ValuesCase valuesCase) {
        HelmTool.Result result = lint(valuesCase.valuesArguments());

        assertEquals(0, result.exitCode(), () -> "helm lint --strict for " + valuesCase + ": " + result.describe());
    }

    @Test
    void schemaRejectsUnknownKey() {
        HelmTool.Result result = lint(List.of("--set", "ingestionService.replicas=3"));

        assertNotEquals(0, result.exitCode(), "a misspelt key must fail the lint");
        assertTrue(result.stdout().contains("additional properties 'replicas' not allowed"), result.describe());
    }

    @Test
    void schemaRejectsUnknownRoutingMode() {
        HelmTool.Result result = lint(List.of("--set", "routing.mode=gateway"));

        assertNotEquals(0, result.exitCode(), "an unknown routing.mode must fail the lint");
        assertTrue(result.stdout().contains("/routing/mode"), result.describe());
    }

    // Helm 4.1 lint logs a template's fail() call and still passes, so this case renders instead.
    @Test
    void minReplicasAboveMaxFailsRender() {
        HelmTool.Result result = HelmTool.run(List.of("template", "channelmind", ValuesCase.chartDir().toString(),
                "--kube-version", RenderedChart.KUBE_VERSION, "--api-versions", RenderedChart.GATEWAY_API,
                "--set", "contentService.autoscaling.minReplicas=7"));

        assertNotEquals(0, result.exitCode(), "minReplicas above maxReplicas must fail the render");
        assertTrue(result.stderr().contains("contentService.autoscaling.minReplicas (7) is greater than maxReplicas"),
                result.describe());
    }

    @Test
    void httpRouteWithoutGatewayApiFailsRender() {
        HelmTool.Result result = HelmTool.run(List.of("template", "channelmind", ValuesCase.chartDir().toString(),
                "--kube-version", RenderedChart.KUBE_VERSION));

        assertNotEquals(0, result.exitCode(), "HTTPRoutes without the Gateway API must fail the render");
        assertTrue(result.stderr().contains("no gateway.networking.k8s.io/v1 HTTPRoute API"), result.describe());
    }

    @Test
    void serviceMonitorWithoutCrdFailsRender() {
        HelmTool.Result result = HelmTool.run(List.of("template", "channelmind", ValuesCase.chartDir().toString(),
                "--kube-version", RenderedChart.KUBE_VERSION, "--api-versions", RenderedChart.GATEWAY_API,
                "--set", "serviceMonitor.enabled=true"));

        assertNotEquals(0, result.exitCode(), "ServiceMonitors without their CRD must fail the render");
        assertTrue(result.stderr().contains("no monitoring.coreos.com/v1 ServiceMonitor API"), result.describe());
    }

    private static HelmTool.Result lint(List<String> extraArguments) {
        List<String> arguments = new ArrayList<>(List.of("lint", "--strict", ValuesCase.chartDir().toString(),
                "--kube-version", RenderedChart.KUBE_VERSION));
        arguments.addAll(extraArguments);
        return HelmTool.run(arguments);
    }
}
