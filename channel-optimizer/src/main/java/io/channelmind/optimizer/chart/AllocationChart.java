package io.channelmind.optimizer.chart;

import java.util.List;

import io.channelmind.optimizer.allocation.AllocationPlan;
import io.channelmind.optimizer.allocation.ChannelAllocation;

/**
 * Draws a plan as an SVG bar chart: current and proposed spend side by side for each channel.
 * Each bar's width is {@code spend * data-scale} pixels from {@code data-left}, and carries the
 * channel, the series and the spend in data attributes.
 */
public final class AllocationChart {

    static final String CURRENT_COLOUR = "#9aa5b1";
    static final String PROPOSED_COLOUR = "#2f6fd0";

    private static final int WIDTH = 640;
    private static final int ROW = 36;
    private static final int LABEL = 120;
    private static final int TOP = 40;

    private AllocationChart() {
    }

    /** Renders the plan with an English title. */
    public static String render(AllocationPlan plan, String title) {
        return render(plan, title, ChartLanguage.EN);
    }

    /** Renders the plan; {@code title} may be null for the default title in the language. */
    public static String render(AllocationPlan plan, String title, ChartLanguage language) {
        List<ChannelAllocation> channels = plan.channels();
        double max = 1e-9;
        for (ChannelAllocation channel : channels) {
            max = Math.max(max, Math.max(channel.currentSpend(), channel.proposedSpend()));
        }
        int height = TOP + ROW * channels.size() + 30;
        double scale = (WIDTH - LABEL - 90) / max;

        Svg svg = new Svg(WIDTH, height, "allocation-chart", title == null ? language.label("allocation") : title,
                language);
        svg.group("left", Double.toString(LABEL), "scale", Double.toString(scale));
        for (int i = 0; i < channels.size(); i++) {
            ChannelAllocation channel = channels.get(i);
            int y = TOP + i * ROW;
            svg.text(10, y + 16, 12, "start", channel.channel());
            bar(svg, channel.channel(), "current", y, channel.currentSpend(), scale, CURRENT_COLOUR,
                    language.label("current"));
            bar(svg, channel.channel(), "proposed", y + 14, channel.proposedSpend(), scale, PROPOSED_COLOUR,
                    language.label("proposed"));
        }
        svg.close();

        int legend = height - 12;
        svg.legend(LABEL, legend, CURRENT_COLOUR, language.label("current"));
        svg.legend(LABEL + 90, legend, PROPOSED_COLOUR, language.label("proposed"));
        return svg.finish();
    }

    private static void bar(Svg svg, String channel, String series, int y, double spend, double scale, String colour,
            String seriesLabel) {
        String label = seriesLabel + " " + Svg.amount(spend);
        double width = Math.max(spend * scale, 0);
        svg.rect(LABEL, y, width, 12, colour, channel + ": " + label,
                "channel", channel, "series", series, "value", Double.toString(spend));
        svg.text(LABEL + width + 4, y + 10, 10, "start", label);
    }
}
