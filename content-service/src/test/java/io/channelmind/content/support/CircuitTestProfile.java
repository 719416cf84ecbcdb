package io.channelmind.content.support;

import java.util.HashMap;
import java.util.Map;

/** The model profile with a circuit breaker that opens after four calls of which half failed. */
public class CircuitTestProfile extends ModelTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> overrides = new HashMap<>(super.getConfigOverrides());
        overrides.put(GATEWAY + "/call/CircuitBreaker/requestVolumeThreshold", "4");
        overrides.put(GATEWAY + "/call/CircuitBreaker/delay", "60000");
        overrides.put("channelmind.content.llm.price.input-per-million-tokens", "0.15");
        overrides.put("channelmind.content.llm.price.output-per-million-tokens", "0.60");
        return overrides;
    }
}
