package io.channelmind.optimizer.chart;

import java.util.Locale;

/**
 * A small SVG writer: every text and attribute value is escaped, every number is written with a
 * dot as the decimal separator. Data attributes ({@code data-*}) carry the values a mark stands
 * for, so tests and scripts can check a mark against its data.
 */
final class Svg {

    static final String FONT = "sans-serif";

    private final StringBuilder out = new StringBuilder();

    Svg(int width, int height, String cssClass, String title, ChartLanguage language) {
        out.append("<svg xmlns=\"http://www.w3.org/2000/svg\"")
                .append(attribute("width", width)).append(attribute("height", height))
                .append(attribute("viewBox", "0 0 " + width + " " + height))
                .append(attribute("role", "img")).append(attribute("aria-label", title))
                .append(attribute("class", cssClass)).append(attribute("xml:lang", language.tag()))
                .append(">\n");
        text(10, 20, 14, "start", title);
    }

    /** Writes a text element; {@code anchor} is start, middle or end. */
    Svg text(double x, double y, int size, String anchor, String text, String... data) {
        out.append("<text").append(attribute("x", x)).append(attribute("y", y))
                .append(attribute("font-size", size)).append(attribute("font-family", FONT))
                .append(attribute("text-anchor", anchor)).append(data(data)).append('>')
                .append(escape(text)).append("</text>\n");
        return this;
    }

    /** Writes a vertical text element, rotated about its anchor point, for a y-axis label. */
    Svg verticalText(double x, double y, int size, String text) {
        out.append("<text").append(attribute("x", x)).append(attribute("y", y))
                .append(attribute("font-size", size)).append(attribute("font-family", FONT))
                .append(attribute("text-anchor", "middle"))
                .append(attribute("transform", "rotate(-90 " + number(x) + " " + number(y) + ")")).append('>')
                .append(escape(text)).append("</text>\n");
        return this;
    }

    /** Writes a rectangle with a tooltip. */
    Svg rect(double x, double y, double width, double height, String fill, String tooltip, String... data) {
        out.append("<rect").append(attribute("x", x)).append(attribute("y", y))
                .append(attribute("width", width)).append(attribute("height", height))
                .append(attribute("fill", fill)).append(data(data)).append('>')
                .append("<title>").append(escape(tooltip)).append("</title></rect>\n");
        return this;
    }

    Svg line(double x1, double y1, double x2, double y2, String stroke) {
        out.append("<line").append(attribute("x1", x1)).append(attribute("y1", y1))
                .append(attribute("x2", x2)).append(attribute("y2", y2))
                .append(attribute("stroke", stroke)).append("/>\n");
        return this;
    }

    /** Writes an open polyline through the points. */
    Svg polyline(double[] xs, double[] ys, String stroke, String... data) {
        StringBuilder points = new StringBuilder();
        for (int i = 0; i < xs.length; i++) {
            if (i > 0) {
                points.append(' ');
            }
            points.append(number(xs[i])).append(',').append(number(ys[i]));
        }
        out.append("<polyline").append(attribute("points", points.toString()))
                .append(attribute("fill", "none")).append(attribute("stroke", stroke))
                .append(attribute("stroke-width", 2)).append(data(data)).append("/>\n");
        return this;
    }

    /** Writes a circle with a tooltip. */
    Svg circle(double cx, double cy, double radius, String fill, String tooltip, String... data) {
        out.append("<circle").append(attribute("cx", cx)).append(attribute("cy", cy))
                .append(attribute("r", radius)).append(attribute("fill", fill)).append(data(data)).append('>')
                .append("<title>").append(escape(tooltip)).append("</title></circle>\n");
        return this;
    }

    /** Opens a group with data attributes; close it with {@link #close()}. */
    Svg group(String... data) {
        out.append("<g").append(data(data)).append(">\n");
        return this;
    }

    Svg close() {
        out.append("</g>\n");
        return this;
    }

    /** Writes a legend entry: a coloured square and its label. */
    Svg legend(double x, double y, String colour, String label) {
        out.append("<rect").append(attribute("x", x)).append(attribute("y", y - 9))
                .append(attribute("width", 10)).append(attribute("height", 10))
                .append(attribute("fill", colour)).append(attribute("class", "legend")).append("/>\n");
        return text(x + 14, y, 11, "start", label);
    }

    String finish() {
        return out.append("</svg>\n").toString();
    }

    /** Escapes text for XML content and double-quoted attribute values. */
    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder escaped = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&apos;");
                default -> {
                    // Control characters other than tab, newline and carriage return are not allowed in XML 1.0.
                    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
                        escaped.append('\uFFFD');
                    } else {
                        escaped.append(c);
                    }
                }
            }
        }
        return escaped.toString();
    }

    /** Formats a number for an attribute: at most 2 decimals, no grouping, a dot as separator. */
    static String number(double value) {
        if (!Double.isFinite(value)) {
            return "0";
        }
        String text = String.format(Locale.ROOT, "%.2f", value);
        return text.contains(".") ? text.replaceAll("0+$", "").replaceAll("\\.$", "") : text;
    }

    /** Formats an amount for a label, with thousands separators and no decimals. */
    static String amount(double value) {
        return String.format(Locale.ROOT, "%,.0f", value);
    }

    private static String attribute(String name, double value) {
        return attribute(name, number(value));
    }

    private static String attribute(String name, String value) {
        return " " + name + "=\"" + escape(value) + "\"";
    }

    private static String data(String... pairs) {
        if (pairs.length % 2 != 0) {
            throw new IllegalArgumentException("Data attributes come in name and value pairs");
        }
        StringBuilder attributes = new StringBuilder();
        for (int i = 0; i < pairs.length; i += 2) {
            attributes.append(attribute("data-" + pairs[i], pairs[i + 1]));
        }
        return attributes.toString();
    }
}
