package io.channelmind.content.service;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.channelmind.content.domain.AudienceSummary;
import io.channelmind.content.domain.ChannelFormat;
import io.channelmind.content.domain.CopyBrief;
import io.channelmind.content.domain.CopyLocale;
import io.channelmind.content.domain.CopySpec;
import io.channelmind.content.domain.CopyVariant;
import io.channelmind.content.domain.ResponsiveSearchAd;

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
        Map<String, Object> answer = new LinkedHashMap<>();
        if (spec.format() == ChannelFormat.SEARCH_AD) {
            ResponsiveSearchAd ad = ResponsiveSearchAd.fromBody(variant.body);
            answer.put("headlines", ad.headlines());
            answer.put("descriptions", ad.descriptions());
            answer.put("paths", ad.paths());
        } else {
            answer.put("subject", variant.subject);
            answer.put("body", variant.body);
        }
        try {
            List<Map<String, String>> messages = new ArrayList<>();
            messages.add(Map.of("role", "system", "content", prompt.systemMessage()));
            messages.add(Map.of("role", "user", "content", prompt.userMessage()));
            messages.add(Map.of("role", "assistant", "content", json.writeValueAsString(answer)));
            return json.writeValueAsString(Map.of("messages", messages));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Writing the fine-tuning line of copy " + variant.id + " failed", e);
        }
    }

    private static CopySpec specOf(CopyVariant variant) {
        CopyLocale locale = CopyLocale.fromTag(variant.locale).orElse(CopyLocale.EN);
        return new CopySpec(variant.campaign, variant.segment, variant.channel, ChannelFormat.forChannel(variant.channel), locale,
                new CopyBrief(variant.product, variant.offer, variant.callToAction, variant.url),
                new AudienceSummary(variant.audienceSize, variant.audienceFeatures));
    }
}
