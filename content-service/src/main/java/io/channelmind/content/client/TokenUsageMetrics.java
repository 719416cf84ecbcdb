package io.channelmind.content.client;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.listener.ChatModelResponseContext;
import dev.langchain4j.model.output.TokenUsage;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Records the token usage and estimated cost of every model response as Micrometer metrics:
 * {@value #TOKENS} per model and type (input, output) and {@value #COST} per request, in the
 * currency of the configured prices. quarkus-langchain4j calls every CDI bean that implements
 * {@link ChatModelListener}.
 */
@ApplicationScoped
public class TokenUsageMetrics implements ChatModelListener {

    public static final String TOKENS = "channelmind.content.llm.tokens";
    public static final String COST = "channelmind.content.llm.cost";

    private final MeterRegistry registry;
    private final double inputPricePerMillion;
    private final double outputPricePerMillion;

    public TokenUsageMetrics(MeterRegistry registry,
            @ConfigProperty(name = "channelmind.content.llm.price.input-per-million-tokens") double inputPricePerMillion,
            @ConfigProperty(name = "channelmind.content.llm.price.output-per-million-tokens") double outputPricePerMillion) {
        this.registry = registry;
        this.inputPricePerMillion = inputPricePerMillion;
        this.outputPricePerMillion = outputPricePerMillion;
    }

    @Override
    public void onResponse(ChatModelResponseContext context) {
        TokenUsage usage = context.chatResponse().tokenUsage();
        if (usage == null) {
            return;
        }
        String model = context.chatResponse().modelName() == null ? "unknown" : context.chatResponse().modelName();
        long input = usage.inputTokenCount() == null ? 0 : usage.inputTokenCount();
        long output = usage.outputTokenCount() == null ? 0 : usage.outputTokenCount();
        registry.counter(TOKENS, "model", model, "type", "input").increment(input);
        registry.counter(TOKENS, "model", model, "type", "output").increment(output);
        DistributionSummary.builder(COST)
                .description("Estimated cost of one model request from the configured prices per million tokens")
                .tag("model", model)
                .register(registry)
                .record((input * inputPricePerMillion + output * outputPricePerMillion) / 1_000_000);
    }
}
