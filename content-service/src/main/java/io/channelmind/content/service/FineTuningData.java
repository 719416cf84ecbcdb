package io.channelmind.content.service;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.channelmind.content.client.CopywriterModel;
import io.channelmind.content.domain.AudienceSummary;
import io.channelmind.content.domain.ChannelFormat;
import io.channelmind.content.domain.CopyBrief;
import io.channelmind.content.domain.CopyLocale;
import io.channelmind.content.domain.CopySpec;
import io.channelmind.content.domain.CopyVariant;

/**
 * Turns stored copies into the OpenAI chat fine-tuning format: one JSON object a line with the
 * system prompt, the brief prompt and the copy as the assistant's answer.
 *
 * NOTE: the prompts are rebuilt from the stored brief with the default options, because the
 * SMS segment count, brand and industry of a request are not stored.
 */
final class FineTuningData {

    private FineTuningData() {
    }

    /** Returns one JSONL line for a copy. */
    static String line(CopyVariant variant, ObjectMapper json) {
        CopySpec spec = specOf(variant);
        PromptValues prompt = PromptValues.of(spec);
        Map<String, String> values = new LinkedHashMap<>();
        values.put("language", prompt.language());
        values.put("channelRules", prompt.channelRules());
        values.put("product", prompt.product());
        values.put("offer", prompt.offer());
        values.put("callToAction", prompt.callToAction());
        values.put("url", prompt.url());
        values.put("audience", prompt.audience());

        Map<String, String> answer = new LinkedHashMap<>();
        answer.put("subject", variant.subject);
        answer.put("body", variant.body);
        try {
            List<Map<String, String>> messages = new ArrayList<>();
            messages.add(Map.of("role", "system", "content", render(CopywriterModel.SYSTEM_PROMPT, values)));
            messages.add(Map.of("role", "user", "content", render(CopywriterModel.BRIEF_PROMPT, values)));
            messages.add(Map.of("role", "assistant", "content", json.writeValueAsString(answer)));
            return json.writeValueAsString(Map.of("messages", messages));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Writing the fine-tuning line of copy " + variant.id + " failed", e);
        }
    }

    /** Fills {@code {name}} placeholders; the values are inserted as they are, like Qute does. */
    static String render(String template, Map<String, String> values) {
        String text = template;
        for (Map.Entry<String, String> value : values.entrySet()) {
            text = text.replace("{" + value.getKey() + "}", value.getValue());
        }
        return text;
    }

    private static CopySpec specOf(CopyVariant variant) {
        CopyLocale locale = CopyLocale.fromTag(variant.locale).orElse(CopyLocale.EN);
        return new CopySpec(variant.campaign, variant.segment, variant.channel, ChannelFormat.forChannel(variant.channel), locale,
                new CopyBrief(variant.product, variant.offer, variant.callToAction, variant.url),
                new AudienceSummary(variant.audienceSize, variant.audienceFeatures));
    }
}
