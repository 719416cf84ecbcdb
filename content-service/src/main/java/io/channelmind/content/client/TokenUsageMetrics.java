package io.channelmind.content.client;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Records the token usage and estimated cost of every model response as Micrometer metrics:
 * {@value #TOKENS} per model and type (input, output) and {@value #COST} per request, in the
 * currency of the configured prices. {@link ModelClient} calls it for every response that
 * reports its usage.
 */
@ApplicationScoped
public class TokenUsageMetrics {

    public static final String TOKENS = "channelmind.content.llm.tokens";
    public static final String COST = "channelmind.content.llm.cost";

    private final MeterRegistry registry;
    private final double inputPricePerMillion;
    private final double outputPricePerMillion;
    private final Map<String, ModelMeters> metersByModel = new ConcurrentHashMap<>();

    public TokenUsageMetrics(MeterRegistry registry,
            @ConfigProperty(name = "channelmind.content.llm.price.input-per-million-tokens") double inputPricePerMillion,
            @ConfigProperty(name = "channelmind.content.llm.price.output-per-million-tokens") double outputPricePerMillion) {
        this.registry = registry;
        this.inputPricePerMillion = inputPricePerMillion;
        this.outputPricePerMillion = outputPricePerMillion;
    }

    /**
     * Records the tokens of one response and its cost.
     *
     * @param model the model named in the response, or null when it names none
     * @param inputTokens prompt tokens, or null when the response does not report them
     * @param outputTokens completion tokens, or null when the response does not report them
     */
    public void record(String model, Integer inputTokens, Integer outputTokens) {
        long input = inputTokens == null ? 0 : inputTokens;
        long output = outputTokens == null ? 0 : outputTokens;
        ModelMeters meters = metersByModel.computeIfAbsent(model == null ? "unknown" : model, this::register);
        meters.inputTokens().increment(input);
        meters.outputTokens().increment(output);
        meters.cost().record((input * inputPricePerMillion + output * outputPricePerMillion) / 1_000_000);
    }

    /** Registers the meters of one model once, so that a response does not look them up by name and tags. */
    private ModelMeters register(String model) {
        return new ModelMeters(registry.counter(TOKENS, "model", model, "type", "input"),
                registry.counter(TOKENS, "model", model, "type", "output"),
                DistributionSummary.builder(COST)
                        .description("Estimated cost of one model request from the configured prices per million tokens")
                        .tag("model", model)
                        .register(registry));
    }

    private record ModelMeters(Counter inputTokens, Counter outputTokens, DistributionSummary cost) {
    }
}
