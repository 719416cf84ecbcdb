package io.channelmind.optimizer.chart;

import java.util.Locale;
import java.util.Map;

import io.channelmind.optimizer.attribution.AttributionModel;

/** The language of a chart's title, axis labels and legend: English or Simplified Chinese. */
public enum ChartLanguage {
    EN("en", Map.ofEntries(
            Map.entry("spend", "Spend per period"),
            Map.entry("outcome", "Outcome per period"),
            Map.entry("current", "current"),
            Map.entry("proposed", "proposed"),
            Map.entry("curves", "Response curves"),
            Map.entry("allocation", "Budget plan: current and proposed spend"),
            Map.entry("attribution", "Attribution by model"),
            Map.entry("conversions", "Conversions credited"),
            Map.entry("value", "Conversion value credited"),
            Map.entry("channel", "Channel"),
            Map.entry("FIRST_TOUCH", "first touch"),
            Map.entry("LAST_TOUCH", "last touch"),
            Map.entry("LINEAR", "linear"),
            Map.entry("TIME_DECAY", "time decay"),
            Map.entry("POSITION_BASED", "position-based"),
            Map.entry("MARKOV", "Markov chain"))),
    ZH_CN("zh-CN", Map.ofEntries(
            Map.entry("spend", "每期投放金额"),
            Map.entry("outcome", "每期产出"),
            Map.entry("current", "当前"),
            Map.entry("proposed", "建议"),
            Map.entry("curves", "响应曲线"),
            Map.entry("allocation", "预算方案：当前与建议投放"),
            Map.entry("attribution", "各归因模型结果"),
            Map.entry("conversions", "归因转化数"),
            Map.entry("value", "归因转化价值"),
            Map.entry("channel", "渠道"),
            Map.entry("FIRST_TOUCH", "首次触点"),
            Map.entry("LAST_TOUCH", "末次触点"),
            Map.entry("LINEAR", "线性"),
            Map.entry("TIME_DECAY", "时间衰减"),
            Map.entry("POSITION_BASED", "位置加权"),
            Map.entry("MARKOV", "马尔可夫链")));

    private final String tag;
    private final Map<String, String> labels;

    ChartLanguage(String tag, Map<String, String> labels) {
        this.tag = tag;
        this.labels = labels;
    }

    /** Returns the BCP 47 tag, {@code en} or {@code zh-CN}, written into the SVG's {@code xml:lang}. */
    public String tag() {
        return tag;
    }

    /**
     * Parses a {@code lang} parameter: {@code en} or {@code zh-CN} in any case, with {@code zh} and
     * {@code zh_CN} accepted for Chinese; null or blank means English.
     *
     * @throws IllegalArgumentException for any other value
     */
    public static ChartLanguage parse(String value) {
        if (value == null || value.isBlank()) {
            return EN;
        }
        String normalised = value.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        return switch (normalised) {
            case "en", "en-us", "en-gb" -> EN;
            case "zh", "zh-cn", "zh-hans", "zh-hans-cn" -> ZH_CN;
            default -> throw new IllegalArgumentException("Unsupported chart language '" + value + "'");
        };
    }

    String label(String key) {
        String label = labels.get(key);
        if (label == null) {
            throw new IllegalStateException("No " + tag + " chart label for '" + key + "'");
        }
        return label;
    }

    String model(AttributionModel model) {
        return label(model.name());
    }
}
