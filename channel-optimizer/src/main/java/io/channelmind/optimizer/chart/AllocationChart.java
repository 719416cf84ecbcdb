package io.channelmind.optimizer.chart;

import java.util.List;
import java.util.Locale;

import io.channelmind.optimizer.allocation.AllocationPlan;
import io.channelmind.optimizer.allocation.ChannelAllocation;

/** Draws a plan as an SVG bar chart: current and proposed spend side by side for each channel. */
public final class AllocationChart {

    private static final int WIDTH = 640;
    private static final int ROW = 36;
    private static final int LABEL = 120;
    private static final int TOP = 40;

    private AllocationChart() {
    }

    public static String render(AllocationPlan plan, String title) {
        List<ChannelAllocation> channels = plan.channels();
        double max = 1e-9;
        for (ChannelAllocation channel : channels) {
            max = Math.max(max, Math.max(channel.currentSpend(), channel.proposedSpend()));
        }
        int height = TOP + ROW * channels.size() + 30;
        double scale = (WIDTH - LABEL - 90) / max;

        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
                + " viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"%s\" class=\"allocation-chart\">%n",
                WIDTH, height, WIDTH, height, escape(title)));
        svg.append(String.format(Locale.ROOT, "<text x=\"10\" y=\"20\" font-size=\"14\" font-family=\"sans-serif\">%s"
                + "</text>%n", escape(title)));
        for (int i = 0; i < channels.size(); i++) {
            ChannelAllocation channel = channels.get(i);
            int y = TOP + i * ROW;
            svg.append(String.format(Locale.ROOT, "<text x=\"10\" y=\"%d\" font-size=\"12\" font-family=\"sans-serif\">"
                    + "%s</text>%n", y + 16, escape(channel.channel())));
            bar(svg, y, channel.currentSpend() * scale, "#9aa5b1", "current " + format(channel.currentSpend()));
            bar(svg, y + 14, channel.proposedSpend() * scale, "#2f6fd0", "proposed " + format(channel.proposedSpend()));
        }
        int legend = height - 12;
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"10\" height=\"10\" fill=\"#9aa5b1\"/>"
                + "<text x=\"%d\" y=\"%d\" font-size=\"11\" font-family=\"sans-serif\">current</text>%n",
                LABEL, legend - 9, LABEL + 14, legend));
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"10\" height=\"10\" fill=\"#2f6fd0\"/>"
                + "<text x=\"%d\" y=\"%d\" font-size=\"11\" font-family=\"sans-serif\">proposed</text>%n",
                LABEL + 80, legend - 9, LABEL + 94, legend));
        svg.append("</svg>\n");
        return svg.toString();
    }

    private static void bar(StringBuilder svg, int y, double width, String colour, String label) {
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"12\" fill=\"%s\">"
                + "<title>%s</title></rect>%n", LABEL, y, Math.max(width, 0.5), colour, escape(label)));
        svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"10\" font-family=\"sans-serif\">"
                + "%s</text>%n", LABEL + Math.max(width, 0.5) + 4, y + 10, escape(label)));
    }

    private static String format(double amount) {
        return String.format(Locale.ROOT, "%,.0f", amount);
    }

    static String escape(String text) {
        return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&quot;");
    }
}
