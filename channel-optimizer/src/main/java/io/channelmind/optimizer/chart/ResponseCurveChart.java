package io.channelmind.optimizer.chart;

import java.util.List;

import io.channelmind.optimizer.allocation.HillCurve;

/**
 * Draws one panel per channel with its response curve, outcome per period against spend per
 * period, and dots at the current and the proposed spend. Each panel is a group whose data
 * attributes give the plot area in pixels and the spend and outcome at its right and top edges,
 * so a dot's position can be checked against its data.
 */
public final class ResponseCurveChart {

    static final String CURVE_COLOUR = "#3d4852";

    private static final int PANEL_WIDTH = 300;
    private static final int PANEL_HEIGHT = 220;
    private static final int COLUMNS = 2;
    private static final int TOP = 34;
    private static final int MARGIN_LEFT = 56;
    private static final int MARGIN_RIGHT = 16;
    private static final int MARGIN_TOP = 22;
    private static final int MARGIN_BOTTOM = 40;
    private static final int SAMPLES = 60;
    // The spend axis runs to this multiple of the largest marked spend, or of the half-saturation
    // point when nothing larger is marked, so the bend of the curve is in view.
    private static final double SPEND_HEADROOM = 1.5;

    /** One channel to draw; {@code proposedSpend} is null when there is no plan to mark. */
    public record Series(String channel, HillCurve curve, double currentSpend, Double proposedSpend) {
    }

    private ResponseCurveChart() {
    }

    /** Renders the panels; {@code title} may be null for the default title in the language. */
    public static String render(List<Series> series, String title, ChartLanguage language) {
        int rows = Math.max(1, (series.size() + COLUMNS - 1) / COLUMNS);
        int width = PANEL_WIDTH * COLUMNS;
        int height = TOP + rows * PANEL_HEIGHT + 24;
        Svg svg = new Svg(width, height, "response-curve-chart",
                title == null ? language.label("curves") : title, language);
        for (int i = 0; i < series.size(); i++) {
            panel(svg, series.get(i), (i % COLUMNS) * PANEL_WIDTH, TOP + (i / COLUMNS) * PANEL_HEIGHT, language);
        }
        svg.legend(MARGIN_LEFT, height - 10, AllocationChart.CURRENT_COLOUR, language.label("current"));
        svg.legend(MARGIN_LEFT + 90, height - 10, AllocationChart.PROPOSED_COLOUR, language.label("proposed"));
        return svg.finish();
    }

    private static void panel(Svg svg, Series series, int originX, int originY, ChartLanguage language) {
        HillCurve curve = series.curve();
        double marked = Math.max(series.currentSpend(), series.proposedSpend() == null ? 0 : series.proposedSpend());
        double spendMax = SPEND_HEADROOM * Math.max(marked, curve.halfSaturation());
        if (!(spendMax > 0)) {
            spendMax = 1;
        }
        double outcomeMax = Math.max(curve.outcome(spendMax), 1e-9);
        double left = originX + MARGIN_LEFT;
        double right = originX + PANEL_WIDTH - MARGIN_RIGHT;
        double top = originY + MARGIN_TOP;
        double bottom = originY + PANEL_HEIGHT - MARGIN_BOTTOM;
        Axes axes = new Axes(left, right, top, bottom, spendMax, outcomeMax);

        svg.group("channel", series.channel(), "left", Double.toString(left), "right", Double.toString(right),
                "top", Double.toString(top), "bottom", Double.toString(bottom),
                "spend-max", Double.toString(spendMax), "outcome-max", Double.toString(outcomeMax));
        svg.text(left, originY + 14, 12, "start", series.channel());
        svg.line(left, bottom, right, bottom, "#666").line(left, top, left, bottom, "#666");
        svg.text(left, bottom + 14, 10, "middle", "0");
        svg.text(right, bottom + 14, 10, "end", Svg.amount(spendMax));
        svg.text(left - 4, top + 4, 10, "end", Svg.amount(outcomeMax));
        svg.text((left + right) / 2, bottom + 30, 10, "middle", language.label("spend"));
        svg.verticalText(originX + 14, (top + bottom) / 2, 10, language.label("outcome"));

        double[] xs = new double[SAMPLES + 1];
        double[] ys = new double[SAMPLES + 1];
        for (int i = 0; i <= SAMPLES; i++) {
            double spend = spendMax * i / SAMPLES;
            xs[i] = axes.x(spend);
            ys[i] = axes.y(curve.outcome(spend));
        }
        svg.polyline(xs, ys, CURVE_COLOUR, "series", "curve");
        mark(svg, axes, curve, series.channel(), "current", series.currentSpend(), AllocationChart.CURRENT_COLOUR,
                language);
        if (series.proposedSpend() != null) {
            mark(svg, axes, curve, series.channel(), "proposed", series.proposedSpend(),
                    AllocationChart.PROPOSED_COLOUR, language);
        }
        svg.close();
    }

    private static void mark(Svg svg, Axes axes, HillCurve curve, String channel, String series, double spend,
            String colour, ChartLanguage language) {
        double outcome = curve.outcome(spend);
        svg.circle(axes.x(spend), axes.y(outcome), 5, colour,
                channel + " " + language.label(series) + ": " + Svg.amount(spend) + " → " + Svg.amount(outcome),
                "mark", series, "spend", Double.toString(spend), "outcome", Double.toString(outcome));
    }

    /** Maps spend to x and outcome to y inside the plot area; y grows downwards in SVG. */
    private record Axes(double left, double right, double top, double bottom, double spendMax, double outcomeMax) {

        double x(double spend) {
            return left + (right - left) * spend / spendMax;
        }

        double y(double outcome) {
            return bottom - (bottom - top) * outcome / outcomeMax;
        }
    }
}
