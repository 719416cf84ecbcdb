package io.channelmind.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ConfigMap;

/** global.egressAllowList reaches every service as CHANNELMIND_EGRESS_ALLOW_LIST, and only when set. */
class EgressAllowListTest {

    private static final String VARIABLE = "CHANNELMIND_EGRESS_ALLOW_LIST";

    private static Map<String, String> config(RenderedChart chart, ValuesCase valuesCase, String component) {
        return chart.find(ConfigMap.class, ChartObjectsTest.objectName(valuesCase, component)).orElseThrow().getData();
    }

    @Test
    void allowListJoinedForEveryService() {
        ValuesCase egress = ValuesCase.named("egress");
        RenderedChart chart = RenderedChart.of(egress);

        for (String component : ChartObjectsTest.COMPONENTS) {
            assertEquals("sms-gateway.internal,10.20.0.0/16", config(chart, egress, component).get(VARIABLE),
                    VARIABLE + " of " + component);
        }
    }

    @Test
    void defaultsSetNoAllowList() {
        ValuesCase defaults = ValuesCase.all().get(0);
        RenderedChart chart = RenderedChart.of(defaults);

        for (String component : ChartObjectsTest.COMPONENTS) {
            assertFalse(config(chart, defaults, component).containsKey(VARIABLE), VARIABLE + " of " + component);
        }
    }

    @Test
    void schemaRejectsEntryWithComma() {
        HelmTool.Result result = HelmTool.run(List.of("template", "channelmind", ValuesCase.chartDir().toString(),
                "--kube-version", RenderedChart.KUBE_VERSION, "--api-versions", RenderedChart.GATEWAY_API,
                "--set-json", "global.egressAllowList=[\"a.internal,b.internal\"]"));

        assertNotEquals(0, result.exitCode(), "an entry with a comma must fail the schema check");
        assertTrue(result.stderr().contains("/global/egressAllowList/0"), result.describe());
    }
}
