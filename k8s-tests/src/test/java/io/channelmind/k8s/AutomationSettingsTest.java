package io.channelmind.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.Deployment;

/**
 * Checks automation-service's rendered settings against the service's {@code @ConfigMapping}
 * interfaces. The service ignores an environment variable that maps to no property, so a
 * misspelt name would leave a connector disabled without an error.
 */
class AutomationSettingsTest {

    private static final Path CONFIG_SOURCES = ValuesCase.k8sDir()
            .resolve("../automation-service/src/main/java/io/channelmind/automation").normalize();
    private static final Set<String> PROPERTIES = properties();

    /** Variables that carry a credential, or a URL that contains one, in the connectors case. */
    private static final List<String> SECRET_VARIABLES = List.of("AUTOMATION_FEEDBACK_SIGNING_KEY",
            "AUTOMATION_CONNECTORS_SLACK_URL", "AUTOMATION_CONNECTORS_WECOM_URL", "AUTOMATION_CONNECTORS_DINGTALK_URL",
            "AUTOMATION_CONNECTORS_DINGTALK_SECRET", "AUTOMATION_CONNECTORS_WEBHOOK_SECRET",
            "AUTOMATION_CONNECTORS_SMS_TWILIO_AUTH_TOKEN");

    static Stream<ValuesCase> cases() {
        return ValuesCase.all().stream();
    }

    private static Set<String> properties() {
        Set<String> properties = new TreeSet<>();
        properties.addAll(ConfigMappingProperties.of(CONFIG_SOURCES.resolve("config/AutomationConfig.java")));
        properties.addAll(ConfigMappingProperties.of(CONFIG_SOURCES.resolve("connector/ConnectorsConfig.java")));
        return properties;
    }

    @Test
    void mappingSourcesYieldProperties() {
        for (String property : List.of("automation.feedback.signing-key", "automation.mail.message-id-domain",
                "automation.connectors.slack.url", "automation.connectors.dingtalk.secret",
                "automation.connectors.sms.generic.body-template", "automation.connectors.sms.twilio.auth-token",
                "automation.connectors.wecom.rate-limit.per-second")) {
            assertTrue(PROPERTIES.contains(property), property + " in " + PROPERTIES);
        }
    }

    @ParameterizedTest
    @MethodSource("cases")
    void automationVariablesAreServiceProperties(ValuesCase valuesCase) {
        RenderedChart chart = RenderedChart.of(valuesCase);
        String name = ChartObjectsTest.objectName(valuesCase, "automation-service");
        Set<String> known = PROPERTIES.stream().map(ConfigMappingProperties::environmentName)
                .collect(Collectors.toSet());

        Set<String> variables = new TreeSet<>(chart.find(ConfigMap.class, name).orElseThrow().getData().keySet());
        variables.addAll(env(chart, name).keySet());
        for (String variable : variables) {
            if (variable.startsWith("AUTOMATION_")) {
                assertTrue(known.contains(variable), variable + " of " + name + " maps to no property of "
                        + "AutomationConfig or ConnectorsConfig");
            }
        }
    }

    @Test
    void connectorCredentialsComeFromSecrets() {
        ValuesCase connectors = ValuesCase.named("connectors");
        RenderedChart chart = RenderedChart.of(connectors);
        String name = ChartObjectsTest.objectName(connectors, "automation-service");
        Map<String, String> config = chart.find(ConfigMap.class, name).orElseThrow().getData();
        Map<String, EnvVar> env = env(chart, name);

        for (String variable : SECRET_VARIABLES) {
            assertFalse(config.containsKey(variable), variable + " in the ConfigMap of " + name);
            EnvVar entry = env.get(variable);
            assertNotNull(entry, variable + " in the env of " + name);
            assertNotNull(entry.getValueFrom().getSecretKeyRef(), variable + " is a secretKeyRef");
        }
        assertEquals("twilio", config.get("AUTOMATION_CONNECTORS_SMS_PROVIDER"), "SMS provider");
        for (String key : List.of("AUTOMATION_CONNECTORS_WEBHOOK_URL", "AUTOMATION_CONNECTORS_SMS_TWILIO_URL",
                "AUTOMATION_CONNECTORS_SMS_TWILIO_ACCOUNT_SID", "AUTOMATION_CONNECTORS_WECOM_MSGTYPE")) {
            assertFalse(config.getOrDefault(key, "").isBlank(), key + " in the ConfigMap of " + name);
        }
    }

    @ParameterizedTest
    @MethodSource("cases")
    void disabledConnectorsStayUnset(ValuesCase valuesCase) {
        if (valuesCase.name().equals("connectors") || valuesCase.name().equals("egress")) {
            return;
        }
        RenderedChart chart = RenderedChart.of(valuesCase);
        String name = ChartObjectsTest.objectName(valuesCase, "automation-service");
        Set<String> variables = new TreeSet<>(chart.find(ConfigMap.class, name).orElseThrow().getData().keySet());
        variables.addAll(env(chart, name).keySet());

        // Without a URL every connector is disabled, so no default sends traffic to a provider.
        assertTrue(variables.stream().noneMatch(variable -> variable.startsWith("AUTOMATION_CONNECTORS_")),
                () -> "connector settings of " + name + " with connectors disabled: " + variables);
    }

    static Stream<Arguments> incompleteConnectors() {
        String prefix = "automationService.connectors.";
        return Stream.of(
                Arguments.of(List.of(prefix + "webhook.enabled=true"), "webhook.url is empty"),
                Arguments.of(List.of(prefix + "sms.enabled=true"), "sms.generic.url is empty"),
                Arguments.of(List.of(prefix + "sms.enabled=true", prefix + "sms.provider=twilio"),
                        "twilio.url and accountSid must both be set"),
                Arguments.of(List.of(prefix + "sms.enabled=true", prefix + "sms.provider=twilio",
                        prefix + "sms.twilio.accountSid=AC00000000000000000000000000000000"),
                        "from and messagingServiceSid are both empty"),
                Arguments.of(List.of("automationService.mail.auth.enabled=true"), "mail.auth.username is empty"));
    }

    // Each failure names the value to set, because the service would otherwise start with the channel disabled.
    @ParameterizedTest
    @MethodSource("incompleteConnectors")
    void incompleteConnectorFailsRender(List<String> settings, String message) {
        HelmTool.Result result = HelmTool.run(templateArguments(settings));

        assertNotEquals(0, result.exitCode(), settings + " must fail the render");
        assertTrue(result.stderr().contains(message), result.describe());
    }

    @Test
    void schemaRejectsMalformedTwilioSid() {
        HelmTool.Result result = HelmTool.run(templateArguments(
                List.of("automationService.connectors.sms.twilio.accountSid=not-a-sid")));

        assertNotEquals(0, result.exitCode(), "a malformed account SID must fail the schema check");
        assertTrue(result.stderr().contains("/automationService/connectors/sms/twilio/accountSid"), result.describe());
    }

    private static List<String> templateArguments(List<String> settings) {
        List<String> arguments = new ArrayList<>(List.of("template", "channelmind", ValuesCase.chartDir().toString(),
                "--kube-version", RenderedChart.KUBE_VERSION, "--api-versions", RenderedChart.GATEWAY_API));
        for (String setting : settings) {
            arguments.add("--set");
            arguments.add(setting);
        }
        return arguments;
    }

    private static Map<String, EnvVar> env(RenderedChart chart, String name) {
        Deployment deployment = chart.find(Deployment.class, name).orElseThrow();
        return deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
                .collect(Collectors.toMap(EnvVar::getName, Function.identity()));
    }
}
