package io.channelmind.optimizer.chart;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.channelmind.optimizer.attribution.AttributionResult;
import io.channelmind.optimizer.attribution.ChannelCredit;

/**
 * Draws the credit of each channel under each model as grouped horizontal bars: one group per
 * channel, one bar per model. Each bar's width is {@code credit * data-scale} pixels from
 * {@code data-left}, and carries the channel, the model and the credit in data attributes.
 */
public final class AttributionChart {

    /** Measure shown by the bars. */
    public enum Measure {
        CONVERSIONS,
        VALUE
    }

    // One colour per model, in the order of AttributionModel; colour-blind safe (Okabe and Ito).
    private static final String[] COLOURS = {"#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00"};
    private static final int WIDTH = 680;
    private static final int LABEL = 130;
    private static final int BAR = 10;
    private static final int GAP = 10;
    private static final int TOP = 40;

    private AttributionChart() {
    }

    /** Renders the results; {@code title} may be null for the default title in the language. */
    public static String render(List<AttributionResult> results, Measure measure, String title,
            ChartLanguage language) {
        Map<String, double[]> byChannel = new TreeMap<>();
        double max = 1e-9;
        for (int m = 0; m < results.size(); m++) {
            for (ChannelCredit credit : results.get(m).channels()) {
                double amount = measure == Measure.VALUE ? credit.value() : credit.conversions();
                byChannel.computeIfAbsent(credit.channel(), key -> new double[results.size()])[m] = amount;
                max = Math.max(max, amount);
            }
        }
        int groupHeight = results.size() * BAR + GAP;
        int legendRows = (results.size() + 2) / 3;
        int height = TOP + byChannel.size() * groupHeight + 30 + legendRows * 18;
        double scale = (WIDTH - LABEL - 80) / max;

        String measureLabel = language.label(measure == Measure.VALUE ? "value" : "conversions");
        Svg svg = new Svg(WIDTH, height, "attribution-chart",
                title == null ? language.label("attribution") + ": " + measureLabel : title, language);
        svg.group("left", Double.toString(LABEL), "scale", Double.toString(scale), "measure",
                measure.name().toLowerCase(java.util.Locale.ROOT));
        int y = TOP;
        for (Map.Entry<String, double[]> entry : byChannel.entrySet()) {
            svg.text(10, y + groupHeight / 2.0, 12, "start", entry.getKey());
            for (int m = 0; m < results.size(); m++) {
                double amount = entry.getValue()[m];
                String model = language.model(results.get(m).model());
                svg.rect(LABEL, y + m * BAR, Math.max(amount * scale, 0), BAR - 1, colour(m),
                        entry.getKey() + ", " + model + ": " + String.format(java.util.Locale.ROOT, "%,.1f", amount),
                        "channel", entry.getKey(), "model", results.get(m).model().name(),
                        "value", Double.toString(amount));
            }
            y += groupHeight;
        }
        svg.close();

        svg.text(LABEL, y + 14, 10, "start", measureLabel);
        for (int m = 0; m < results.size(); m++) {
            svg.legend(LABEL + (m % 3) * 170, y + 36 + (m / 3) * 18, colour(m), language.model(results.get(m).model()));
        }
        return svg.finish();
    }

    private static String colour(int index) {
        return COLOURS[index % COLOURS.length];
    }
}
