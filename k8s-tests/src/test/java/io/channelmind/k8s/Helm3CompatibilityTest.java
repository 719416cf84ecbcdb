package io.channelmind.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Lints and renders the chart with Helm 3 for every values case, and checks that Helm 3 renders
 * the same objects as Helm 4, so users of either major version get the same install.
 */
class Helm3CompatibilityTest {

    static Stream<ValuesCase> cases() {
        return ValuesCase.all().stream();
    }

    @ParameterizedTest
    @MethodSource("cases")
    void lintStrictPassesWithHelm3(ValuesCase valuesCase) {
        List<String> arguments = new ArrayList<>(List.of("lint", "--strict", ValuesCase.chartDir().toString(),
                "--kube-version", RenderedChart.KUBE_VERSION));
        arguments.addAll(valuesCase.valuesArguments());

        HelmTool.Result result = HelmTool.HELM_3.execute(arguments);

        assertEquals(0, result.exitCode(), () -> "Helm 3 lint --strict for " + valuesCase + ": " + result.describe());
    }

    @ParameterizedTest
    @MethodSource("cases")
    void helm3RendersSameObjects(ValuesCase valuesCase) {
        RenderedChart helm3 = RenderedChart.render(HelmTool.HELM_3, valuesCase);
        RenderedChart helm4 = RenderedChart.of(valuesCase);

        assertEquals(helm4.objects().size(), helm3.objects().size(), "object count for " + valuesCase);
        for (int i = 0; i < helm4.objects().size(); i++) {
            assertEquals(helm4.objects().get(i), helm3.objects().get(i), "object " + i + " for " + valuesCase);
        }
    }
}
