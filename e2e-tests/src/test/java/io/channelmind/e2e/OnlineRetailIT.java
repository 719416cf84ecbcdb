package io.channelmind.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.channelmind.stack.demo.ApiClient;

/**
 * Imports the UCI Online Retail file (541,909 real invoice lines) with the {@code online-retail}
 * preset and compares the profiles that profile-service builds with figures computed directly
 * from the gzip CSV: the profile count, recency, frequency and monetary value of every
 * customer, and the size of a rule segment with event windows. A learned segmentation must put
 * every profile in exactly one cluster, and the frequency and monetary figures its descriptions
 * print must match the file. Skips when the shared data folder is missing.
 */
class OnlineRetailIT {

    private static final String FILE = "online-retail/online-retail.csv.gz";
    private static final String KEY_PREFIX = "online-retail:";
    private static final ZoneId SHOP_ZONE = ZoneId.of("Europe/London");
    private static final DateTimeFormatter INVOICE_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /** The file's last invoice, 2011-12-09 12:50 in London, which is GMT in December. */
    private static final Instant AS_OF = Instant.parse("2011-12-09T12:50:00Z");
    private static final String SEGMENT_RULE = "count(purchase, 90d) >= 1 and sum(purchase.value, 90d) > 1000";
    /** The frequency and monetary traits of a learned cluster description (see docs/segments.md). */
    private static final Pattern FREQUENCY_TRAIT =
            Pattern.compile("(buys often|buys rarely) \\(frequency ([0-9.]+)x the average\\)");
    private static final Pattern MONETARY_TRAIT = Pattern
            .compile("(spends a lot|spends little) \\(monetary (-?[0-9.]+) against (-?[0-9.]+) on average\\)");

    /** The import and the profile updates fail when their counter has not moved for this long. */
    private static final Duration STALL_TIMEOUT = Duration.ofMinutes(3);

    private static ApiClient API;

    private static LocalStack stack;
    private static long rows;
    private static long rowsWithoutCustomerId;
    private static Map<String, Expected> customers;
    private static Map<String, Expected> anonymous;
    private static Set<String> anonymousKeys;
    private static Set<String> segmentKeys;
    private static JsonNode importJob;

    /** Features of one profile computed from the file by the rules of the profiles documentation. */
    private static final class Expected {
        long purchases;
        long returns;
        long cancellations;
        BigDecimal monetary = BigDecimal.ZERO;
        Instant lastPurchaseAt;
        long windowPurchases;
        BigDecimal windowPurchaseValue = BigDecimal.ZERO;

        long frequency() {
            return Math.max(0, purchases - cancellations);
        }
    }

    @BeforeAll
    static void importFile() throws Exception {
        Optional<Path> file = SharedData.file(FILE);
        assumeTrue(file.isPresent(), "Skipped: ../shared/data/" + FILE + " is missing");
        computeDirectly(file.get());

        stack = LocalStack.start("online-retail");
        API = new ApiClient(stack.adminToken());
        try (PrintStream progress = new PrintStream(Files.newOutputStream(stack.logDir().resolve("test.out")), true)) {
            importJob = runImport(file.get(), progress);
            awaitProfiles(importJob, progress);
        }
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    /**
     * Reads the file with a plain CSV reader and applies the preset's rules: a float customer id
     * such as {@code 17850.0} is the id {@code 17850}, a line without one belongs to an
     * anonymous customer per invoice, a line with a negative quantity is a cancellation and any
     * other line a conversion worth quantity times unit price.
     */
    private static void computeDirectly(Path file) throws Exception {
        customers = new HashMap<>();
        anonymous = new HashMap<>();
        Instant windowStart = AS_OF.minus(Duration.ofDays(90));
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(file)), StandardCharsets.UTF_8))) {
            List<String> header = parseRecord(reader, reader.readLine());
            int invoiceColumn = header.indexOf("InvoiceNo");
            int quantityColumn = header.indexOf("Quantity");
            int dateColumn = header.indexOf("InvoiceDate");
            int priceColumn = header.indexOf("UnitPrice");
            int customerColumn = header.indexOf("CustomerID");
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                List<String> fields = parseRecord(reader, line);
                rows++;
                String customerId = fields.get(customerColumn).trim();
                Expected expected;
                if (customerId.isEmpty()) {
                    rowsWithoutCustomerId++;
                    expected = anonymous.computeIfAbsent(
                            KEY_PREFIX + "anonymous:" + fields.get(invoiceColumn).trim(), key -> new Expected());
                } else {
                    expected = customers.computeIfAbsent(KEY_PREFIX + normaliseId(customerId), key -> new Expected());
                }

                long quantity = Long.parseLong(fields.get(quantityColumn).trim());
                BigDecimal value = new BigDecimal(fields.get(priceColumn).trim()).multiply(BigDecimal.valueOf(quantity));
                Instant occurredAt = LocalDateTime.parse(fields.get(dateColumn).trim(), INVOICE_DATE)
                        .atZone(SHOP_ZONE).toInstant();
                if (quantity < 0) {
                    expected.cancellations++;
                    expected.monetary = expected.monetary.subtract(value.abs());
                } else if (value.signum() < 0) {
                    expected.returns++;
                    expected.monetary = expected.monetary.add(value);
                } else {
                    expected.purchases++;
                    expected.monetary = expected.monetary.add(value);
                    if (expected.lastPurchaseAt == null || occurredAt.isAfter(expected.lastPurchaseAt)) {
                        expected.lastPurchaseAt = occurredAt;
                    }
                    if (occurredAt.isAfter(windowStart) && !occurredAt.isAfter(AS_OF)) {
                        expected.windowPurchases++;
                        expected.windowPurchaseValue = expected.windowPurchaseValue.add(value);
                    }
                }
            }
        }
        anonymousKeys = new TreeSet<>(anonymous.keySet());
        segmentKeys = new TreeSet<>();
        Map<String, Expected> everyProfile = new HashMap<>(customers);
        everyProfile.putAll(anonymous);
        everyProfile.forEach((key, expected) -> {
            if (expected.windowPurchases >= 1 && expected.windowPurchaseValue.compareTo(BigDecimal.valueOf(1000)) > 0) {
                segmentKeys.add(key);
            }
        });
    }

    /** Strips the {@code .0} that the file writes after every customer id. */
    private static String normaliseId(String id) {
        return new BigDecimal(id).stripTrailingZeros().toPlainString();
    }

    /**
     * Splits one RFC 4180 record: quoted fields may contain commas, doubled quotes and line
     * breaks, in which case the following lines are read from {@code reader}.
     */
    private static List<String> parseRecord(BufferedReader reader, String firstLine) throws Exception {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        String line = firstLine;
        int i = 0;
        while (true) {
            if (i == line.length()) {
                if (!quoted) {
                    break;
                }
                String next = reader.readLine();
                if (next == null) {
                    throw new IllegalStateException("Unterminated quoted field at the end of the file");
                }
                field.append('\n');
                line = next;
                i = 0;
                continue;
            }
            char c = line.charAt(i++);
            if (quoted) {
                if (c == '"' && i < line.length() && line.charAt(i) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }

    private static JsonNode runImport(Path file, PrintStream progress) {
        String ingestion = stack.baseUrls().get("ingestion-service");
        JsonNode submitted = API.upload(ingestion + "/api/v1/imports?mapping=online-retail", file, "text/csv",
                new AtomicLong());
        String importId = submitted.path("importId").asText();
        awaitCounter("import " + importId + " rows read", progress, STALL_TIMEOUT, () -> {
            JsonNode job = API.get(ingestion + "/api/v1/imports/" + importId);
            String status = job.path("status").asText();
            boolean running = "queued".equals(status) || "running".equals(status);
            return new Reading(job.path("rowsRead").asLong(), !running);
        });
        JsonNode job = API.get(ingestion + "/api/v1/imports/" + importId);
        assertEquals("completed", job.path("status").asText(), "import status: " + job);
        progress.println("Import finished: " + job);
        return job;
    }

    /** Waits until profile-service has applied every customer event that the import published. */
    private static void awaitProfiles(JsonNode job, PrintStream progress) {
        String profiles = stack.baseUrls().get("profile-service");
        String importId = job.path("importId").asText();
        long published = job.path("customerEvents").asLong();
        awaitCounter("profile-service events of import " + importId, progress, STALL_TIMEOUT, () -> {
            long consumed = API.get(profiles + "/api/v1/imports/" + importId + "/progress").path("eventsConsumed")
                    .asLong();
            return new Reading(consumed, consumed >= published);
        });
        progress.println("Profile stats: " + API.get(profiles + "/api/v1/stats"));
    }

    /** A counter value and whether the awaited work has finished. */
    private record Reading(long count, boolean done) {
    }

    /**
     * Polls {@code reading} until it reports done, and fails when its count has not changed for
     * {@code stallTimeout}, so a slow but moving import never times out.
     */
    private static void awaitCounter(String what, PrintStream progress, Duration stallTimeout,
            Supplier<Reading> reading) {
        long lastCount = -1;
        long lastChange = System.nanoTime();
        long lastPrint = 0;
        while (true) {
            Reading current = reading.get();
            if (current.done()) {
                progress.printf("%s: %,d, done%n", what, current.count());
                return;
            }
            long now = System.nanoTime();
            if (current.count() != lastCount) {
                lastCount = current.count();
                lastChange = now;
            } else if (now - lastChange > stallTimeout.toNanos()) {
                throw new AssertionError(what + " stayed at " + lastCount + " for " + stallTimeout
                        + "; see the service logs in " + stack.logDir());
            }
            if (now - lastPrint > 5_000_000_000L) {
                progress.printf("%s: %,d%n", what, current.count());
                lastPrint = now;
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("Interrupted while waiting for " + what, e);
            }
        }
    }

    @Test
    void importAcceptsEveryRow() {
        assertEquals(541_909, rows);
        assertEquals(rows, importJob.path("rowsRead").asLong());
        assertEquals(rows, importJob.path("rowsAccepted").asLong());
        assertEquals(0, importJob.path("rowsRejected").asLong());
        assertEquals(rows, importJob.path("customerEvents").asLong());
        assertEquals(135_080, rowsWithoutCustomerId);
        assertEquals(rowsWithoutCustomerId,
                importJob.path("cleaning").path("counts").path("rowsWithoutCustomerId.anonymous").asLong());
    }

    @Test
    void profileCountMatchesCustomersAndAnonymousInvoices() {
        long profiles = API.get(stack.baseUrls().get("profile-service") + "/api/v1/stats").path("profiles").asLong();

        assertEquals(4_372, customers.size());
        assertEquals(customers.size() + anonymousKeys.size(), profiles);
    }

    @Test
    void recencyFrequencyMonetaryMatchEveryCustomer() {
        String profiles = stack.baseUrls().get("profile-service");
        Map<String, String> mismatches = new TreeMap<>();
        for (Map.Entry<String, Expected> entry : new TreeMap<>(customers).entrySet()) {
            String key = entry.getKey();
            Expected expected = entry.getValue();
            Instant before = Instant.now();
            JsonNode profile = API.get(profiles + "/api/v1/profiles/" + key);
            Instant after = Instant.now();
            JsonNode features = profile.path("features");

            String difference = compare(key, expected, profile, features, before, after);
            if (difference != null) {
                mismatches.put(key, difference);
            }
        }
        assertTrue(mismatches.isEmpty(), mismatches.size() + " of " + customers.size()
                + " customers differ from the file, for example: " + first(mismatches, 5));
    }

    /** Returns what differs between the profile and the file, or null when everything matches. */
    private static String compare(String key, Expected expected, JsonNode profile, JsonNode features, Instant before,
            Instant after) {
        List<String> differences = new ArrayList<>();
        if (!key.equals(profile.path("profileKey").asText())) {
            differences.add("profileKey " + profile.path("profileKey").asText());
        }
        check(differences, "purchases", expected.purchases, features.path("purchases").asLong());
        check(differences, "returns", expected.returns, features.path("returns").asLong());
        check(differences, "cancellations", expected.cancellations, features.path("cancellations").asLong());
        check(differences, "frequency", expected.frequency(), features.path("frequency").asLong());
        BigDecimal monetary = new BigDecimal(features.path("monetary").asText());
        if (monetary.compareTo(expected.monetary) != 0) {
            differences.add("monetary expected " + expected.monetary.toPlainString() + " but was "
                    + monetary.toPlainString());
        }

        JsonNode lastPurchaseAt = features.path("lastPurchaseAt");
        if (expected.lastPurchaseAt == null) {
            if (!lastPurchaseAt.isNull() || !features.path("recencyDays").isNull()) {
                differences.add("no purchase expected but lastPurchaseAt was " + lastPurchaseAt + " and recencyDays "
                        + features.path("recencyDays"));
            }
        } else {
            if (lastPurchaseAt.isNull() || !Instant.parse(lastPurchaseAt.asText()).equals(expected.lastPurchaseAt)) {
                differences.add("lastPurchaseAt expected " + expected.lastPurchaseAt + " but was " + lastPurchaseAt);
            }
            // The view measures recency to the clock of the request, so the day count may step
            // over midnight between the two readings.
            long earliest = Duration.between(expected.lastPurchaseAt, before).toDays();
            long latest = Duration.between(expected.lastPurchaseAt, after).toDays();
            long recencyDays = features.path("recencyDays").asLong(-1);
            if (recencyDays < earliest || recencyDays > latest) {
                differences.add("recencyDays expected " + earliest + " but was " + features.path("recencyDays"));
            }
        }
        return differences.isEmpty() ? null : String.join(", ", differences);
    }

    private static void check(List<String> differences, String name, long expected, long actual) {
        if (expected != actual) {
            differences.add(name + " expected " + expected + " but was " + actual);
        }
    }

    private static String first(Map<String, String> mismatches, int count) {
        StringBuilder text = new StringBuilder();
        mismatches.entrySet().stream().limit(count)
                .forEach(entry -> text.append(entry.getKey()).append(": ").append(entry.getValue()).append("; "));
        return text.toString();
    }

    @Test
    void recentBigSpenderSegmentMatchesDirectCount() {
        String profiles = stack.baseUrls().get("profile-service");
        JsonNode created = API.post(profiles + "/api/v1/segments", Map.of("name", "recent-big-spenders",
                "rule", SEGMENT_RULE, "asOf", AS_OF.toString()));
        assertNotNull(created);

        JsonNode segment = API.get(profiles + "/api/v1/segments/recent-big-spenders");
        JsonNode page = API.get(profiles + "/api/v1/segments/recent-big-spenders/members?limit=1000");
        Set<String> members = new HashSet<>();
        page.path("members").forEach(member -> members.add(member.path("profileKey").asText()));

        assertEquals(segmentKeys.size(), segment.path("size").asLong());
        assertTrue(page.path("next").isNull(), "the segment has more than 1,000 members: " + page.path("next"));
        assertEquals(segmentKeys, new TreeSet<>(members));
    }

    @Test
    void learnedSegmentsCoverEveryProfileOnce() {
        String profiles = stack.baseUrls().get("profile-service");
        Map<String, Expected> everyProfile = new HashMap<>(customers);
        everyProfile.putAll(anonymous);

        JsonNode created = API.post(profiles + "/api/v1/segments/learned", Map.of("name", "retail-clusters",
                "seed", 42, "asOf", AS_OF.toString()));

        assertNotNull(created);
        int k = created.path("k").asInt();
        assertTrue(k >= 2, "silhouette chose k = " + k + ": " + created);
        assertEquals(k, created.path("clusters").size());
        assertEquals(everyProfile.size(), created.path("profiles").asLong());
        Map<String, String> clusterOf = new HashMap<>();
        List<String> twice = new ArrayList<>();
        List<String> described = new ArrayList<>();
        for (JsonNode cluster : created.path("clusters")) {
            String segment = cluster.path("segment").asText();
            Set<String> members = members(profiles, segment);
            assertEquals(cluster.path("size").asLong(), members.size(), segment + " size");
            assertFalse(members.isEmpty(), segment + " is empty");
            for (String member : members) {
                if (clusterOf.put(member, segment) != null) {
                    twice.add(member);
                }
            }
            String description = cluster.path("description").asText();
            assertFalse(description.isBlank(), segment + " description");
            assertFalse(cluster.path("descriptionZh").asText().isBlank(), segment + " descriptionZh");
            checkTraits(segment, description, members, everyProfile);
            if (!description.equals("close to the average on every feature")) {
                described.add(segment);
            }
        }
        assertEquals(List.of(), twice, "profiles in more than one cluster");
        assertEquals(new TreeSet<>(everyProfile.keySet()), new TreeSet<>(clusterOf.keySet()));
        assertFalse(described.isEmpty(), "no cluster names a distinguishing feature: " + created.path("clusters"));
    }

    /** Reads every member key of a segment, page by page. */
    private static Set<String> members(String profiles, String segment) {
        Set<String> keys = new HashSet<>();
        String after = "";
        while (after != null) {
            JsonNode page = API.get(profiles + "/api/v1/segments/" + segment + "/members?limit=1000&after="
                    + URLEncoder.encode(after, StandardCharsets.UTF_8));
            page.path("members").forEach(member -> keys.add(member.path("profileKey").asText()));
            after = page.path("next").isNull() ? null : page.path("next").asText();
        }
        return keys;
    }

    /**
     * Checks the frequency and monetary traits that a cluster description names against means
     * computed from the file: the direction, and the figures as printed.
     */
    private static void checkTraits(String segment, String description, Set<String> members,
            Map<String, Expected> everyProfile) {
        double populationFrequency = everyProfile.values().stream().mapToLong(Expected::frequency).average()
                .orElseThrow();
        double clusterFrequency = members.stream().mapToLong(key -> everyProfile.get(key).frequency()).average()
                .orElseThrow();
        double populationMonetary = everyProfile.values().stream().mapToDouble(e -> e.monetary.doubleValue())
                .average().orElseThrow();
        double clusterMonetary = members.stream().mapToDouble(key -> everyProfile.get(key).monetary.doubleValue())
                .average().orElseThrow();

        Matcher frequency = FREQUENCY_TRAIT.matcher(description);
        if (frequency.find()) {
            boolean often = frequency.group(1).equals("buys often");
            assertEquals(often, clusterFrequency > populationFrequency, segment + ": " + description);
            double ratio = clusterFrequency / populationFrequency;
            assertEquals(ratio, Double.parseDouble(frequency.group(2)), 0.051, segment + ": " + description);
        }
        Matcher monetary = MONETARY_TRAIT.matcher(description);
        if (monetary.find()) {
            boolean high = monetary.group(1).equals("spends a lot");
            assertEquals(high, clusterMonetary > populationMonetary, segment + ": " + description);
            assertEquals(clusterMonetary, Double.parseDouble(monetary.group(2)), 0.0051, segment + ": " + description);
            assertEquals(populationMonetary, Double.parseDouble(monetary.group(3)), 0.0051,
                    segment + ": " + description);
        }
    }
}
