package io.channelmind.optimizer.bench;

import java.io.IOException;
import java.io.StringReader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

import io.channelmind.optimizer.allocation.AllocationRequest;
import io.channelmind.optimizer.allocation.BudgetAllocator;
import io.channelmind.optimizer.allocation.ChannelBudget;
import io.channelmind.optimizer.allocation.HillCurve;
import io.channelmind.optimizer.attribution.Journey;
import io.channelmind.optimizer.attribution.JourneyFileReader;
import io.channelmind.optimizer.attribution.MarkovAttribution;
import io.channelmind.optimizer.curves.FitSettings;
import io.channelmind.optimizer.curves.MarketingHistory;
import io.channelmind.optimizer.curves.ResponseCurveFitter;
import io.channelmind.optimizer.curves.RobynData;

/**
 * Times Markov attribution and budget allocation, each next to a baseline measured in the same
 * run, and prints one line per case. Run it with {@code bench/optimizer-benchmark.sh}.
 *
 * <ul>
 * <li>Markov on the path file and on a generated file of 1,000,000 rows drawn from it with a
 * fixed seed. Baseline: parsing the same text into journeys.</li>
 * <li>Response-curve fit with the default settings on Robyn's weekly demo data. Baseline: reading
 * and parsing the file and its holiday calendar.</li>
 * <li>Allocation of 5 and 20 channels with S-shaped and concave curves. Baseline: evaluating
 * every channel's curve at the 1,001 grid spend levels once, the least work any grid search does.</li>
 * </ul>
 * Each figure is the median of several runs after warm-up runs.
 */
public final class OptimizerBenchmark {

    private static final int WARMUP = 3;
    private static final int RUNS = 7;

    private OptimizerBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        Path pathFile = Path.of(args.length > 0 ? args[0] : "../shared/data/channel-paths/path-data.csv");
        if (!Files.isRegularFile(pathFile)) {
            System.out.println("Skipped Markov attribution: " + pathFile + " not found");
        } else {
            String text = Files.readString(pathFile, StandardCharsets.UTF_8);
            markov("path file, 10k rows", text, RUNS);
            markov("generated, 1M rows", resample(text, 1_000_000, 20261204L), 3);
        }
        Path robyn = pathFile.resolveSibling("../robyn-weekly/dt_simulated_weekly.csv").normalize();
        if (!Files.isRegularFile(robyn)) {
            System.out.println("Skipped curve fit: " + robyn + " not found");
        } else {
            curveFit(robyn, robyn.resolveSibling("dt_prophet_holidays.csv"));
        }
        allocation(5);
        allocation(20);
    }

    private static void curveFit(Path data, Path holidays) {
        Supplier<MarketingHistory> read = () -> {
            try {
                return RobynData.read(data, holidays);
            } catch (IOException e) {
                throw new IllegalStateException("Failed to read " + data, e);
            }
        };
        double parse = median(3, read);
        MarketingHistory history = read.get();
        long start = System.nanoTime();
        ResponseCurveFitter.fit(history, FitSettings.DEFAULTS);
        double fit = (System.nanoTime() - start) / 1e6;
        System.out.printf("curve fit robyn weekly (208 weeks, 5 channels): %8.1f ms, parse baseline %7.1f ms, ratio %6.1fx%n",
                fit, parse, fit / parse);
    }

    private static void markov(String label, String text, int runs) {
        double parse = median(runs, () -> parse(text));
        List<Journey> journeys = parse(text);
        for (int order = 1; order <= 3; order++) {
            int chainOrder = order;
            double markov = median(runs, () -> MarkovAttribution.attribute(journeys, chainOrder));
            System.out.printf("markov %-20s order %d: %8.1f ms, parse baseline %7.1f ms, ratio %5.1fx%n",
                    label, order, markov, parse, markov / parse);
        }
    }

    private static void allocation(int channels) {
        Random random = new Random(channels);
        List<ChannelBudget> budgets = new ArrayList<>();
        for (int i = 0; i < channels; i++) {
            HillCurve curve = new HillCurve(5_000 + random.nextDouble() * 30_000, 500 + random.nextDouble() * 6_000,
                    0.6 + random.nextDouble() * 2.4);
            budgets.add(ChannelBudget.of("channel-" + i, 2_000, curve).withHistory(500.0, 5_000.0));
        }
        AllocationRequest request = new AllocationRequest(2_000.0 * channels, budgets, null, null);

        double plan = median(RUNS, () -> BudgetAllocator.allocate(request));
        double baseline = median(RUNS, () -> evaluateGrid(budgets, request.totalBudget()));
        double planCpu = cpuMedian(RUNS, () -> BudgetAllocator.allocate(request));
        double baselineCpu = cpuMedian(RUNS, () -> evaluateGrid(budgets, request.totalBudget()));
        System.out.printf("allocation %2d channels: %8.2f ms, curve-grid baseline %6.3f ms, ratio %6.1fx;"
                + " thread CPU time %6.2f ms, baseline %6.3f ms, ratio %6.1fx%n",
                channels, plan, baseline, plan / baseline, planCpu, baselineCpu, planCpu / baselineCpu);
    }

    private static double evaluateGrid(List<ChannelBudget> budgets, double total) {
        double sum = 0;
        for (ChannelBudget budget : budgets) {
            for (int k = 0; k <= 1_000; k++) {
                sum += budget.curve().outcome(total * k / 1_000);
            }
        }
        return sum;
    }

    private static List<Journey> parse(String text) {
        try {
            return JourneyFileReader.read(new StringReader(text));
        } catch (IOException e) {
            throw new IllegalStateException("Failed to read text held in memory", e);
        }
    }

    /** Draws rows of the path file with replacement into a file of the given size. */
    private static String resample(String text, int rows, long seed) {
        String[] lines = text.split("\r?\n");
        Random random = new Random(seed);
        StringBuilder out = new StringBuilder(lines[0]).append('\n');
        for (int i = 0; i < rows; i++) {
            out.append(lines[1 + random.nextInt(lines.length - 1)]).append('\n');
        }
        return out.toString();
    }

    /**
     * Returns the median CPU time in milliseconds that this thread spent on the task, after
     * {@value #WARMUP} warm-up runs. Unlike wall time it does not grow while other processes hold
     * the cores, so it is the steadier figure on a shared machine.
     */
    private static double cpuMedian(int runs, Supplier<?> task) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int i = 0; i < WARMUP; i++) {
            task.get();
        }
        double[] times = new double[runs];
        for (int i = 0; i < runs; i++) {
            long start = threads.getCurrentThreadCpuTime();
            task.get();
            times[i] = (threads.getCurrentThreadCpuTime() - start) / 1e6;
        }
        Arrays.sort(times);
        return times[runs / 2];
    }

    /** Returns the median wall time in milliseconds of the task, after {@value #WARMUP} warm-up runs. */
    private static double median(int runs, Supplier<?> task) {
        for (int i = 0; i < WARMUP; i++) {
            task.get();
        }
        double[] times = new double[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            task.get();
            times[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(times);
        return times[runs / 2];
    }
}
