package io.channelmind.content.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.channelmind.web.egress.EgressGuard;

/** The startup check of the model URLs, with a resolver that resolves no name, so no test makes a DNS query. */
class ModelEndpointCheckTest {

    private static ModelEndpointCheck check(List<String> allowList, boolean modelEnabled, String modelUrl,
            String fineTuningUrl) {
        EgressGuard guard = new EgressGuard(allowList, host -> {
            throw new UnknownHostException(host);
        });
        LlmSettings llm = new LlmSettings(Optional.empty(), Optional.of(modelEnabled), "gpt-4o-mini", "json_schema");
        return new ModelEndpointCheck(guard, llm, modelUrl, Optional.ofNullable(fineTuningUrl));
    }

    @Test
    void metadataModelUrlRejected() {
        List<String> problems = check(List.of(), true, "http://169.254.169.254/v1", null).check();

        assertEquals(1, problems.size());
        assertTrue(problems.get(0).startsWith(ModelEndpointCheck.MODEL_URL_KEY + " is rejected"), problems.get(0));
    }

    @Test
    void loopbackFineTuningUrlRejected() {
        List<String> problems = check(List.of(), false, "http://127.0.0.1:9/v1", "http://[::1]:8089/v1").check();

        assertEquals(1, problems.size());
        assertTrue(problems.get(0).startsWith(ModelEndpointCheck.FINE_TUNING_URL_KEY), problems.get(0));
    }

    @Test
    void disabledModelUrlIgnored() {
        assertEquals(List.of(), check(List.of(), false, "http://127.0.0.1:9/v1", null).check());
    }

    @Test
    void allowListedLoopbackPasses() {
        List<String> problems = check(List.of("127.0.0.1"), true, "http://127.0.0.1:8089/v1", "http://127.0.0.1:8089/v1")
                .check();

        assertEquals(List.of(), problems);
    }

    @Test
    void unresolvedHostPasses() {
        assertEquals(List.of(), check(List.of(), true, "https://llm.example.test/v1", null).check());
    }
}
