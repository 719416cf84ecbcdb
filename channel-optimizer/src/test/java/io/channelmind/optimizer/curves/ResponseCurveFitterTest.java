package io.channelmind.optimizer.curves;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.channelmind.optimizer.curves.MarketingSimulator.SimulatedChannel;
import io.channelmind.optimizer.support.SharedData;

class ResponseCurveFitterTest {

    private static final FitSettings SETTINGS = new FitSettings(Adstock.Kind.GEOMETRIC, 1_500, 100, 7);

    @Test
    void simulatorRoiRecovered() {
        List<SimulatedChannel> channels = List.of(
                new SimulatedChannel("tv", 0.6, 20_000, 0.6, 0.5, 1.5, 0.5, 30_000),
                new SimulatedChannel("search", 0.8, 8_000, 0.5, 0.1, 1.0, 0.4, 15_000),
                new SimulatedChannel("social", 0.7, 5_000, 0.7, 0.3, 2.0, 0.6, 8_000));
        MarketingSimulator.Simulation simulation = MarketingSimulator.simulate(channels, 156, 0.01, 11);

        CurveFit fit = ResponseCurveFitter.fit(simulation.history(), SETTINGS);

        for (CurveFit.ChannelCurve curve : fit.channels()) {
            double truth = simulation.trueRoi().get(curve.channel());
            assertTrue(curve.spendVariation() > 0.3, curve.channel() + " spend varies enough");
            assertEquals(truth, curve.roi(), 0.15 * truth, curve.channel() + " ROI, true " + truth);
            assertTrue(curve.roiInterval().low() <= curve.roi(), curve.channel() + " ROI above interval low");
            assertTrue(curve.roi() <= curve.roiInterval().high(), curve.channel() + " ROI below interval high");
        }
        assertTrue(fit.rSquaredTrain() > 0.9, "R² " + fit.rSquaredTrain());
    }

    @Test
    void fitsAreReproducible() {
        MarketingSimulator.Simulation simulation = MarketingSimulator.simulate(
                List.of(new SimulatedChannel("tv", 0.7, 10_000, 0.5, 0.4, 1.2, 0.5, 20_000)), 104, 0.02, 3);
        FitSettings quick = new FitSettings(Adstock.Kind.WEIBULL, 200, 20, 5);

        assertEquals(ResponseCurveFitter.fit(simulation.history(), quick),
                ResponseCurveFitter.fit(simulation.history(), quick));
    }

    // The baseline is least squares on raw spend and the same controls, fitted on the same
    // training periods and scored on the same last 15% of the weeks.
    @Test
    void robynWeeklyBeatsLinear() throws IOException {
        Path data = SharedData.require("robyn-weekly/dt_simulated_weekly.csv");
        Path holidays = data.resolveSibling("dt_prophet_holidays.csv");
        MarketingHistory history = RobynData.read(data, holidays);

        CurveFit fit = ResponseCurveFitter.fit(history, SETTINGS);

        assertEquals(208, history.size());
        assertEquals(5, fit.channels().size());
        assertTrue(fit.rSquaredTrain() > 0.85, "training R² " + fit.rSquaredTrain());
        assertTrue(fit.rSquaredHoldout() > 0.85, "holdout R² " + fit.rSquaredHoldout());
        assertTrue(fit.nrmseHoldout() < 0.15, "holdout NRMSE " + fit.nrmseHoldout());
        assertTrue(fit.nrmseHoldoutLinear() > 0, "linear baseline NRMSE " + fit.nrmseHoldoutLinear());
        assertTrue(fit.nrmseHoldout() < fit.nrmseHoldoutLinear(),
                "holdout NRMSE " + fit.nrmseHoldout() + " is not below linear " + fit.nrmseHoldoutLinear());
    }

    @Test
    void validationNamesRule() {
        Map<String, double[]> spend = Map.of("tv", new double[] {1, 2, 3});
        InvalidHistoryException badDate = assertThrows(InvalidHistoryException.class, () -> MarketingHistory.of(
                Grain.WEEKLY, List.of("2024-01-01", "08/01/2024", "2024-01-15"), new double[3], spend, Map.of(),
                Set.of()));
        InvalidHistoryException wrongStep = assertThrows(InvalidHistoryException.class, () -> MarketingHistory.of(
                Grain.WEEKLY, List.of("2024-01-01", "2024-01-09", "2024-01-15"), new double[3], spend, Map.of(),
                Set.of()));
        InvalidHistoryException zeroSpend = assertThrows(InvalidHistoryException.class, () -> MarketingHistory.of(
                Grain.DAILY, List.of("2024-01-01", "2024-01-02", "2024-01-03"), new double[3],
                Map.of("tv", new double[3]), Map.of(), Set.of()));
        InvalidHistoryException tooShort = assertThrows(InvalidHistoryException.class, () -> MarketingHistory.of(
                Grain.DAILY, List.of("2024-01-01", "2024-01-02", "2024-01-03"), new double[3], spend, Map.of(),
                Set.of()));

        assertEquals("date-format", badDate.rule());
        assertEquals("periods[1]", badDate.field());
        assertEquals("period-start", wrongStep.rule());
        assertEquals("2024-01-09", wrongStep.value());
        assertEquals("zero-spend", zeroSpend.rule());
        assertEquals("spend.tv", zeroSpend.field());
        assertEquals("too-little-history", tooShort.rule());
    }

    @Test
    void weibullAdstockWeights() {
        double[] impulse = {1, 0, 0, 0};

        double[] geometric = Adstock.geometric(0.5).apply(impulse);
        double[] weibull = Adstock.weibull(1, 2).apply(impulse);

        assertEquals(0.25, geometric[2], 1e-12);
        assertEquals(1, weibull[0], 1e-12);
        assertEquals(Math.exp(-0.5), weibull[1], 1e-12);
        assertEquals(Math.exp(-1.5), weibull[3], 1e-12);
    }
}
