package io.channelmind.optimizer.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import io.channelmind.optimizer.allocation.AllocationGoal;
import io.channelmind.optimizer.allocation.AllocationPlan;
import io.channelmind.optimizer.allocation.ChannelAllocation;
import io.channelmind.optimizer.allocation.HillCurve;
import io.channelmind.optimizer.attribution.AttributionModel;
import io.channelmind.optimizer.attribution.AttributionResult;
import io.channelmind.optimizer.attribution.ChannelCredit;

class ChartTest {

    // Coordinates are written with 2 decimals.
    private static final double PIXEL = 0.006;
    private static final String HOSTILE = "<b>\"Tom & Jerry's\"</b>";

    static Document parse(String svg) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document document = factory.newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        assertEquals("svg", document.getDocumentElement().getLocalName());
        assertEquals("http://www.w3.org/2000/svg", document.getDocumentElement().getNamespaceURI());
        return document;
    }

    static List<Element> elements(Document document, String name) {
        NodeList nodes = document.getElementsByTagNameNS("*", name);
        List<Element> list = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            list.add((Element) nodes.item(i));
        }
        return list;
    }

    static List<Element> withData(Document document, String name, String attribute) {
        return elements(document, name).stream().filter(element -> element.hasAttribute("data-" + attribute)).toList();
    }

    static List<String> texts(Document document) {
        return elements(document, "text").stream().map(Element::getTextContent).toList();
    }

    private static double number(Element element, String attribute) {
        return Double.parseDouble(element.getAttribute(attribute));
    }

    private static AllocationPlan plan() {
        List<ChannelAllocation> channels = List.of(
                new ChannelAllocation("email", 3000, 4200, 1200, 0, 1e9, false, 10000, 11500, 0.8, "raised"),
                new ChannelAllocation(HOSTILE, 2000, 800, -1200, 0, 1e9, false, 5000, 3000, 0.8, "cut"),
                new ChannelAllocation("print", 1000, 1000, 0, 1000, 1000, true, 1000, 1000, null, "locked"));
        return new AllocationPlan(AllocationGoal.MAX_OUTCOME, null, 6000, 6000, 16000, 15500, 2.6, 0.8, channels,
                List.of());
    }

    @Test
    void allocationBarsMatchSpend() throws Exception {
        Document svg = parse(AllocationChart.render(plan(), null, ChartLanguage.EN));

        Element area = withData(svg, "g", "scale").get(0);
        double left = number(area, "data-left");
        double scale = number(area, "data-scale");
        List<Element> bars = withData(svg, "rect", "series");
        assertEquals(6, bars.size());
        for (ChannelAllocation channel : plan().channels()) {
            for (String series : List.of("current", "proposed")) {
                Element bar = bars.stream()
                        .filter(rect -> rect.getAttribute("data-channel").equals(channel.channel()))
                        .filter(rect -> rect.getAttribute("data-series").equals(series))
                        .findFirst().orElseThrow(() -> new AssertionError(channel.channel() + " " + series));
                double spend = series.equals("current") ? channel.currentSpend() : channel.proposedSpend();
                assertEquals(spend, number(bar, "data-value"), 1e-9);
                assertEquals(left, number(bar, "x"), PIXEL);
                assertEquals(spend * scale, number(bar, "width"), PIXEL, channel.channel() + " " + series);
            }
        }
        assertTrue(texts(svg).contains(HOSTILE), "the channel name comes back unescaped: " + texts(svg));
        assertTrue(texts(svg).contains("Budget plan: current and proposed spend"), texts(svg).toString());
    }

    @Test
    void allocationLabelsInChinese() throws Exception {
        Document svg = parse(AllocationChart.render(plan(), null, ChartLanguage.ZH_CN));

        assertEquals("zh-CN", svg.getDocumentElement().getAttribute("xml:lang"));
        assertTrue(texts(svg).contains("预算方案：当前与建议投放"), texts(svg).toString());
        assertTrue(texts(svg).contains("当前"), texts(svg).toString());
        assertTrue(texts(svg).contains("建议"), texts(svg).toString());
        assertTrue(texts(svg).contains("建议 4,200"), texts(svg).toString());
    }

    @Test
    void curveMarksSitOnCurve() throws Exception {
        HillCurve concave = new HillCurve(20000, 3000, 1.0);
        HillCurve sShaped = new HillCurve(12000, 2000, 2.5);
        List<ResponseCurveChart.Series> series = List.of(
                new ResponseCurveChart.Series("email", concave, 3000, 4500.0),
                new ResponseCurveChart.Series(HOSTILE, sShaped, 1500, null));

        Document svg = parse(ResponseCurveChart.render(series, null, ChartLanguage.EN));

        List<Element> panels = withData(svg, "g", "channel");
        assertEquals(2, panels.size());
        for (Element panel : panels) {
            ResponseCurveChart.Series expected = series.stream()
                    .filter(s -> s.channel().equals(panel.getAttribute("data-channel"))).findFirst().orElseThrow();
            double left = number(panel, "data-left");
            double right = number(panel, "data-right");
            double top = number(panel, "data-top");
            double bottom = number(panel, "data-bottom");
            double spendMax = number(panel, "data-spend-max");
            double outcomeMax = number(panel, "data-outcome-max");
            assertEquals(expected.curve().outcome(spendMax), outcomeMax, 1e-6);

            List<Element> marks = new ArrayList<>();
            NodeList circles = panel.getElementsByTagNameNS("*", "circle");
            for (int i = 0; i < circles.getLength(); i++) {
                marks.add((Element) circles.item(i));
            }
            assertEquals(expected.proposedSpend() == null ? 1 : 2, marks.size(), expected.channel());
            for (Element mark : marks) {
                double spend = mark.getAttribute("data-mark").equals("current")
                        ? expected.currentSpend() : expected.proposedSpend();
                double outcome = expected.curve().outcome(spend);
                assertEquals(spend, number(mark, "data-spend"), 1e-9);
                assertEquals(outcome, number(mark, "data-outcome"), 1e-6);
                assertEquals(left + (right - left) * spend / spendMax, number(mark, "cx"), PIXEL);
                assertEquals(bottom - (bottom - top) * outcome / outcomeMax, number(mark, "cy"), PIXEL);
            }

            Element line = (Element) panel.getElementsByTagNameNS("*", "polyline").item(0);
            for (String point : line.getAttribute("points").split(" ")) {
                double x = Double.parseDouble(point.split(",")[0]);
                double y = Double.parseDouble(point.split(",")[1]);
                double spend = (x - left) / (right - left) * spendMax;
                double outcome = expected.curve().outcome(spend);
                assertEquals(bottom - (bottom - top) * outcome / outcomeMax, y, 0.05, "curve point " + point);
            }
        }
        assertTrue(texts(svg).contains(HOSTILE), texts(svg).toString());
        assertTrue(texts(svg).contains("Spend per period"), texts(svg).toString());
    }

    @Test
    void curveLabelsInChinese() throws Exception {
        List<ResponseCurveChart.Series> series = List.of(
                new ResponseCurveChart.Series("短信", new HillCurve(100, 10, 1), 5, 8.0));

        Document svg = parse(ResponseCurveChart.render(series, null, ChartLanguage.ZH_CN));

        assertTrue(texts(svg).contains("响应曲线"), texts(svg).toString());
        assertTrue(texts(svg).contains("每期投放金额"), texts(svg).toString());
        assertTrue(texts(svg).contains("每期产出"), texts(svg).toString());
        assertTrue(texts(svg).contains("短信"), texts(svg).toString());
    }

    @Test
    void attributionBarsPerModel() throws Exception {
        List<AttributionResult> results = List.of(
                new AttributionResult(AttributionModel.LAST_TOUCH, null, 10, 500, List.of(
                        new ChannelCredit("email", 7, 350, null, null),
                        new ChannelCredit(HOSTILE, 3, 150, null, null))),
                new AttributionResult(AttributionModel.MARKOV, 2, 10, 500, List.of(
                        new ChannelCredit("email", 5.5, 300, 0.4, 0.45),
                        new ChannelCredit(HOSTILE, 4.5, 200, 0.3, 0.3))));

        for (AttributionChart.Measure measure : AttributionChart.Measure.values()) {
            Document svg = parse(AttributionChart.render(results, measure, null, ChartLanguage.EN));

            Element area = withData(svg, "g", "scale").get(0);
            double scale = number(area, "data-scale");
            List<Element> bars = withData(svg, "rect", "model");
            assertEquals(4, bars.size());
            for (AttributionResult result : results) {
                for (ChannelCredit credit : result.channels()) {
                    double expected = measure == AttributionChart.Measure.VALUE ? credit.value() : credit.conversions();
                    Element bar = bars.stream()
                            .filter(rect -> rect.getAttribute("data-model").equals(result.model().name()))
                            .filter(rect -> rect.getAttribute("data-channel").equals(credit.channel()))
                            .findFirst().orElseThrow();
                    assertEquals(expected, number(bar, "data-value"), 1e-9);
                    assertEquals(expected * scale, number(bar, "width"), PIXEL);
                }
            }
            assertTrue(texts(svg).contains("Markov chain"), texts(svg).toString());
            assertTrue(texts(svg).contains(HOSTILE), texts(svg).toString());
        }
        Document chinese = parse(AttributionChart.render(results, AttributionChart.Measure.CONVERSIONS, null,
                ChartLanguage.ZH_CN));
        assertTrue(texts(chinese).contains("马尔可夫链"), texts(chinese).toString());
        assertTrue(texts(chinese).contains("末次触点"), texts(chinese).toString());
    }

    @Test
    void languageParsing() {
        assertEquals(ChartLanguage.EN, ChartLanguage.parse(null));
        assertEquals(ChartLanguage.EN, ChartLanguage.parse("EN"));
        assertEquals(ChartLanguage.ZH_CN, ChartLanguage.parse("zh-CN"));
        assertEquals(ChartLanguage.ZH_CN, ChartLanguage.parse("zh_cn"));
        assertEquals(ChartLanguage.ZH_CN, ChartLanguage.parse("zh"));
        assertThrows(IllegalArgumentException.class, () -> ChartLanguage.parse("fr"));
    }

    @Test
    void controlCharactersReplaced() throws Exception {
        List<ResponseCurveChart.Series> series = List.of(
                new ResponseCurveChart.Series("bad\u0001name", new HillCurve(100, 10, 1), 5, null));

        Document svg = parse(ResponseCurveChart.render(series, null, ChartLanguage.EN));

        assertTrue(texts(svg).contains("bad\uFFFDname"), texts(svg).toString());
    }
}
