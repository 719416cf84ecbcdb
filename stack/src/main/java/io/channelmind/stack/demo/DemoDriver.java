package io.channelmind.stack.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Runs the main job through the five services' public REST APIs. It imports a file and waits
 * until profiles and channel statistics are built. Then it reads the channel table and the
 * recommendation, launches a campaign and waits until every recipient is handled. It prints
 * progress while it waits and returns the report.
 */
public final class DemoDriver {

    /** A wait fails when its counter has not moved for this long. */
    private static final Duration STALL_TIMEOUT = Duration.ofMinutes(3);
    /** A wait checks the service's readiness once its counter has not moved for this long. */
    private static final Duration HEALTH_CHECK_AFTER = Duration.ofSeconds(20);

    private final Map<String, String> services;
    private final ApiClient api;
    private final PrintStream out;

    /**
     * @param services module name to base URL, as in {@code status --json}
     * @param bearerToken the admin token that the demo sends to every REST API
     */
    public DemoDriver(Map<String, String> services, String bearerToken, PrintStream out) {
        this.services = services;
        this.api = new ApiClient(bearerToken);
        this.out = out;
    }

    public ObjectNode run(DemoOptions options) {
        long started = System.nanoTime();
        Map<String, Long> timings = new LinkedHashMap<>();
        ObjectNode report = api.json().createObjectNode();

        Path file = options.input();
        String mapping = options.mapping();
        DemoDataSet generated = null;
        if (options.generated()) {
            file = options.workDir().resolve("demo-data.csv");
            generated = DemoDataGenerator.generate(file, options.customers(), options.seed());
            mapping = DemoDataGenerator.MAPPING;
            out.printf("Generated %,d customers (%,d rows) in %s%n", generated.customers(), generated.rows(), file);
        }
        ObjectNode input = report.putObject("input");
        input.put("file", file.toString());
        input.put("mapping", mapping);
        input.put("generated", options.generated());

        long step = System.nanoTime();
        JsonNode imported = importFile(file, mapping);
        timings.put("importMillis", millisSince(step));
        report.set("import", imported);
        String importId = imported.path("importId").asText();
        long customerEvents = imported.path("customerEvents").asLong();

        step = System.nanoTime();
        awaitCount("profile-service", "profile-service processed", customerEvents,
                () -> api.get(url("profile-service", "/api/v1/imports/" + importId + "/progress"))
                        .path("eventsConsumed").asLong(),
                () -> String.format("profiles built: %,d",
                        api.get(url("profile-service", "/api/v1/stats")).path("profiles").asLong()));
        // channel-optimizer counts the import's spend rows too, because it consumes cm.spend.
        long spendEvents = imported.path("spendEvents").asLong();
        awaitCount("channel-optimizer", "channel-optimizer processed", customerEvents + spendEvents,
                () -> api.get(url("channel-optimizer", "/api/v1/imports/" + importId + "/progress"))
                        .path("eventsConsumed").asLong(),
                () -> "");
        timings.put("profilesMillis", millisSince(step));

        long profiles = api.get(url("profile-service", "/api/v1/stats")).path("profiles").asLong();
        JsonNode segment = api.get(url("profile-service", "/api/v1/segments/" + options.segment()));
        long segmentSize = segment.path("size").asLong();
        out.printf("Profiles: %,d; segment '%s' (%s): %,d members%n", profiles, options.segment(),
                segment.path("rule").asText(), segmentSize);
        report.put("profiles", profiles);
        ObjectNode segmentNode = report.putObject("segment");
        segmentNode.put("name", options.segment());
        segmentNode.put("rule", segment.path("rule").asText());
        segmentNode.put("size", segmentSize);

        step = System.nanoTime();
        awaitCount("channel-optimizer", "channel-optimizer segment members", segmentSize,
                () -> api.get(url("channel-optimizer", "/api/v1/segments/" + options.segment())).path("members").asLong(),
                () -> "");
        JsonNode performance = api.get(url("channel-optimizer", "/api/v1/channels/performance"));
        report.set("channels", channelTable(performance));
        printChannels(performance);
        JsonNode recommendation = api.get(url("channel-optimizer",
                "/api/v1/recommendations/channel?segment=" + options.segment()));
        report.put("recommendedChannel", recommendation.path("channel").asText());
        report.put("recommendationReason", recommendation.path("reason").asText());
        out.printf("Recommended channel for '%s': %s. %s%n", options.segment(), recommendation.path("channel").asText(),
                recommendation.path("reason").asText());
        timings.put("recommendationMillis", millisSince(step));

        step = System.nanoTime();
        JsonNode campaign = runCampaign(options, mapping);
        timings.put("campaignMillis", millisSince(step));
        JsonNode copy = campaign.path("copy");
        ObjectNode copyNode = report.putObject("copy");
        copyNode.put("generator", copy.path("generator").asText());
        copyNode.put("subject", copy.path("subject").isNull() ? null : copy.path("subject").asText());
        copyNode.put("body", copy.path("body").asText());
        copyNode.put("copyId", copy.path("copyId").asText());
        JsonNode counts = campaign.path("counts");
        ObjectNode sends = report.putObject("sends");
        sends.put("audience", counts.path("audience").asLong());
        sends.put("sent", counts.path("sent").asLong());
        sends.set("skipped", counts.path("skipped").isMissingNode() ? api.json().createObjectNode() : counts.path("skipped"));
        sends.put("duplicates", counts.path("duplicates").asLong());
        sends.put("failed", counts.path("failed").asLong());
        ObjectNode campaignNode = report.putObject("campaign");
        campaignNode.put("id", campaign.path("id").asText());
        campaignNode.put("status", campaign.path("status").asText());
        campaignNode.put("channel", campaign.path("channel").asText());

        timings.put("totalMillis", millisSince(started));
        ObjectNode timingNode = report.putObject("timings");
        timings.forEach(timingNode::put);
        printSummary(report);
        if (options.report() != null) {
            write(options.report(), report);
            out.println("Report written to " + options.report());
        }
        return report;
    }

    private JsonNode importFile(Path file, String mapping) {
        long size = fileSize(file);
        AtomicLong uploaded = new AtomicLong();
        String contentType = file.toString().matches(".*\\.(ndjson|jsonl)(\\.gz)?$") ? "application/x-ndjson" : "text/csv";
        out.printf("Importing %s (%,d bytes) with mapping '%s'%n", file.getFileName(), size, mapping);
        Thread progress = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    Thread.sleep(2000);
                } catch (InterruptedException e) {
                    return;
                }
                long sent = uploaded.get();
                if (sent < size) {
                    out.printf("  uploaded %,d of %,d bytes (%d%%)%n", sent, size, sent * 100 / size);
                } else {
                    out.println("  upload complete");
                    return;
                }
            }
        }, "import-progress");
        progress.setDaemon(true);
        progress.start();
        try {
            JsonNode submitted = api.upload(url("ingestion-service", "/api/v1/imports?mapping=" + mapping), file,
                    contentType, uploaded);
            JsonNode result = awaitImport(submitted.path("importId").asText());
            if (!"completed".equals(result.path("status").asText())) {
                throw new IllegalStateException("Import " + result.path("importId").asText() + " ended as "
                        + result.path("status").asText() + ": " + result.path("failureReason").asText());
            }
            out.printf("Imported: %,d rows read, %,d accepted, %,d rejected; %,d customer events and %,d spend rows "
                    + "published (import %s)%n", result.path("rowsRead").asLong(), result.path("rowsAccepted").asLong(),
                    result.path("rowsRejected").asLong(), result.path("customerEvents").asLong(),
                    result.path("spendEvents").asLong(), result.path("importId").asText());
            return result;
        } finally {
            progress.interrupt();
        }
    }

    /** Polls the import job, which runs in the background after the 202 response, until it ends. */
    private JsonNode awaitImport(String importId) {
        long lastPrint = System.nanoTime();
        while (true) {
            JsonNode job = api.get(url("ingestion-service", "/api/v1/imports/" + importId));
            String status = job.path("status").asText();
            if (!"queued".equals(status) && !"running".equals(status)) {
                return job;
            }
            if (System.nanoTime() - lastPrint > 2_000_000_000L) {
                out.printf("  import %s: %,d rows read (%d%%)%n", status, job.path("rowsRead").asLong(),
                        job.path("percent").asInt());
                lastPrint = System.nanoTime();
            }
            sleep(200);
        }
    }

    private JsonNode runCampaign(DemoOptions options, String mapping) {
        Map<String, Object> brief = new LinkedHashMap<>();
        // The brief is written in the campaign's language, because content-service takes its facts
        // from the brief word for word.
        boolean chinese = "zh-CN".equals(options.locale());
        brief.put("product", chinese ? "智渠演示会员" : "ChannelMind demo membership");
        brief.put("offer", chinese ? "下一笔订单享 8 折，14 天内有效" : "20% off your next order for the next 14 days");
        brief.put("callToAction", chinese ? "立即领取优惠" : "Claim your discount");
        brief.put("url", "https://shop.example.com/offer");
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("name", "demo-" + mapping + "-" + System.currentTimeMillis());
        request.put("segment", options.segment());
        request.put("locale", options.locale());
        request.put("brief", brief);
        JsonNode created = api.post(url("automation-service", "/api/v1/campaigns"), request);
        String id = created.path("id").asText();
        api.post(url("automation-service", "/api/v1/campaigns/" + id + "/launch"), Map.of());
        out.printf("Campaign %s launched to segment '%s'%n", id, options.segment());

        long lastProcessed = -1;
        long lastChange = System.nanoTime();
        long lastPrint = 0;
        while (true) {
            JsonNode campaign = api.get(url("automation-service", "/api/v1/campaigns/" + id));
            String status = campaign.path("status").asText();
            long processed = campaign.path("counts").path("processed").asLong();
            if ("completed".equals(status)) {
                out.printf("  campaign completed: %,d of %,d recipients processed, %,d sent%n", processed,
                        campaign.path("counts").path("audience").asLong(), campaign.path("counts").path("sent").asLong());
                return campaign;
            }
            if ("failed".equals(status)) {
                throw new IllegalStateException("Campaign " + id + " failed: " + campaign.path("error").asText());
            }
            if (processed != lastProcessed) {
                lastProcessed = processed;
                lastChange = System.nanoTime();
            } else if (System.nanoTime() - lastChange > STALL_TIMEOUT.toNanos()) {
                throw new IllegalStateException("Campaign " + id + " made no progress for " + STALL_TIMEOUT.toMinutes()
                        + " minutes (status " + status + ", " + processed + " processed)");
            }
            if (System.nanoTime() - lastPrint > 2_000_000_000L) {
                out.printf("  campaign %s: %,d of %,d recipients processed, %,d sent%n", status, processed,
                        campaign.path("counts").path("audience").asLong(), campaign.path("counts").path("sent").asLong());
                lastPrint = System.nanoTime();
            }
            sleep(300);
        }
    }

    /**
     * Waits until {@code current} reaches {@code target}, printing progress every two
     * seconds. Fails when the count has not moved for {@link #HEALTH_CHECK_AFTER} and the
     * service reports itself not ready, or when it has not moved for {@link #STALL_TIMEOUT}.
     */
    private void awaitCount(String module, String what, long target, LongSupplier current,
            java.util.function.Supplier<String> detail) {
        long last = -1;
        long lastChange = System.nanoTime();
        long lastPrint = System.nanoTime();
        while (true) {
            long value = current.getAsLong();
            if (value >= target) {
                out.printf("  %s: %,d of %,d%n", what, value, target);
                return;
            }
            long idle = System.nanoTime() - lastChange;
            if (value != last) {
                last = value;
                lastChange = System.nanoTime();
            } else if (idle > STALL_TIMEOUT.toNanos()) {
                throw new IllegalStateException(what + " stopped at " + value + " of " + target + " for "
                        + STALL_TIMEOUT.toMinutes() + " minutes; check the " + module + " log");
            } else if (idle > HEALTH_CHECK_AFTER.toNanos()) {
                failIfNotReady(module, what, value, target);
            }
            if (System.nanoTime() - lastPrint > 2_000_000_000L) {
                String extra = detail.get();
                out.printf("  %s: %,d of %,d%s%n", what, value, target, extra.isEmpty() ? "" : "; " + extra);
                lastPrint = System.nanoTime();
            }
            sleep(250);
        }
    }

    private void failIfNotReady(String module, String what, long value, long target) {
        try {
            api.get(url(module, "/q/health/ready"));
        } catch (ApiClient.ApiException e) {
            throw new IllegalStateException(what + " stopped at " + value + " of " + target + " because " + module
                    + " is not ready (HTTP " + e.status() + "): " + e.body().replaceAll("\\s+", " "));
        }
    }

    private JsonNode channelTable(JsonNode performance) {
        List<JsonNode> rows = new ArrayList<>();
        for (JsonNode channel : performance.path("channels")) {
            ObjectNode row = api.json().createObjectNode();
            row.put("channel", channel.path("channel").asText());
            row.put("contacts", channel.path("contacts").asLong());
            row.put("conversions", channel.path("conversions").asLong());
            row.set("conversionRate", channel.path("conversionRate"));
            rows.add(row);
        }
        return api.json().valueToTree(rows);
    }

    private void printChannels(JsonNode performance) {
        out.printf("%-12s %10s %12s %10s%n", "channel", "contacts", "conversions", "rate");
        for (JsonNode channel : performance.path("channels")) {
            JsonNode rate = channel.path("conversionRate");
            out.printf("%-12s %,10d %,12d %10s%n", channel.path("channel").asText(), channel.path("contacts").asLong(),
                    channel.path("conversions").asLong(),
                    rate.isNumber() ? String.format(Locale.ROOT, "%.2f%%", rate.asDouble() * 100) : "n/a");
        }
    }

    private void printSummary(ObjectNode report) {
        JsonNode sends = report.path("sends");
        out.println();
        out.println("== ChannelMind demo report ==");
        out.printf("profiles:            %,d%n", report.path("profiles").asLong());
        out.printf("segment:             %s (%,d members)%n", report.path("segment").path("name").asText(),
                report.path("segment").path("size").asLong());
        out.printf("recommended channel: %s%n", report.path("recommendedChannel").asText());
        out.printf("copy (%s):%s%s%n", report.path("copy").path("generator").asText(),
                " ".repeat(Math.max(1, 13 - report.path("copy").path("generator").asText().length())),
                report.path("copy").path("subject").isNull() ? report.path("copy").path("body").asText()
                        : report.path("copy").path("subject").asText());
        out.printf("sent:                %,d%n", sends.path("sent").asLong());
        out.printf("skipped:             %s%n", sends.path("skipped"));
        out.printf("duplicates:          %,d%n", sends.path("duplicates").asLong());
        out.printf("failed:              %,d%n", sends.path("failed").asLong());
        out.printf("took:                %.1f s%n", report.path("timings").path("totalMillis").asLong() / 1000.0);
    }

    private void write(Path file, ObjectNode report) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            api.json().writerWithDefaultPrettyPrinter().writeValue(file.toFile(), report);
        } catch (IOException e) {
            throw new UncheckedIOException("Writing the report to " + file + " failed", e);
        }
    }

    private String url(String module, String path) {
        return services.get(module) + path;
    }

    private static long fileSize(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the input file " + file, e);
        }
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }
}
