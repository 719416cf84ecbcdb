package io.channelmind.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMailUtil;

import io.channelmind.stack.cli.ServiceSpec;
import io.channelmind.stack.demo.DemoDataGenerator;
import io.channelmind.stack.demo.DemoDataSet;
import io.channelmind.stack.demo.DemoDriver;
import io.channelmind.stack.demo.DemoOptions;
import io.channelmind.stack.infra.PostgresServer;

/**
 * Runs the demo with known secrets, erases one person who received a mail, and proves within
 * {@link #ERASURE_BOUND} that no table of any service, no API read and no compacted topic still
 * contains their e-mail address, phone number, profile key or identity hashes. Then scans the
 * log of every service for the generated people's personal data and for the secrets.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ErasureProofIT {

    private static final int CUSTOMERS = 300;
    private static final long SEED = 11;
    /** Maximum time from the erasure request until every check below finds nothing. */
    private static final Duration ERASURE_BOUND = Duration.ofMinutes(2);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** The compacted topic of the Helm chart, which the local stack creates with the delete policy. */
    private static final String COMPACTED_TOPIC = "cm.offers";
    /** The person of the tracking call that the log scan sends, which is not in the demo data. */
    private static final String TRACKED_EMAIL = "log.scan@example.com";
    private static final String TRACKED_PHONE = "+447911000999";
    private static final String TRACKED_NAME = "Harriet";
    /** Secrets that the services get from their environment, which no log line may contain. */
    private static final Map<String, String> SECRETS = Map.of(
            "AUTOMATION_FEEDBACK_SIGNING_KEY", Base64.getEncoder().encodeToString(randomBytes(32)),
            "CHANNELMIND_CONSENT_TOKEN_SECRET", HexFormat.of().formatHex(randomBytes(24)),
            "CHANNELMIND_PROFILE_ERASURE_HASH_KEY", HexFormat.of().formatHex(randomBytes(24)),
            "CHANNELMIND_LOCAL_WRITE_KEY", HexFormat.of().formatHex(randomBytes(16)));

    private static LocalStack stack;
    private static DemoDataSet expected;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @BeforeAll
    static void runDemo(@TempDir Path workDir) throws Exception {
        stack = LocalStack.start("erasure", SECRETS);
        compact(COMPACTED_TOPIC);
        expected = DemoDataGenerator.generate(workDir.resolve("expected.csv"), CUSTOMERS, SEED);
        try (PrintStream progress = new PrintStream(Files.newOutputStream(stack.logDir().resolve("demo.out")), true)) {
            DemoOptions options = new DemoOptions(null, null, CUSTOMERS, SEED, DemoOptions.DEFAULT_SEGMENT, "en",
                    workDir.resolve("report.json"), workDir);
            new DemoDriver(stack.baseUrls(), stack.adminToken(), progress).run(options);
        }
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @Order(1)
    void erasureLeavesNoTrace() throws Exception {
        Customer customer = mailedCustomerWithPhone();
        JsonNode profile = get("profile-service", "/api/v1/profiles/by-identity?kind=email&value="
                + URLEncoder.encode(customer.email(), StandardCharsets.UTF_8));
        String profileKey = profile.path("profileKey").asText();
        Set<String> needles = new LinkedHashSet<>(List.of(customer.email(), customer.phone(), profileKey,
                sha256(customer.email().toLowerCase(Locale.ROOT)), sha256(normalisedPhone(customer.phone()))));
        assertTrue(rowsContaining(needles).size() > 0, "the demo stored the person before the erasure");
        assertFalse(apiReadsContaining(customer, profileKey, needles).isEmpty(),
                "the APIs serve the person before the erasure");
        String pseudonym = withdrawConsentAudited(profileKey);

        Instant requested = Instant.now();
        JsonNode request = post("profile-service", "/api/v1/privacy/erasures",
                Map.of("kind", "email", "value", customer.email()));
        String requestId = request.path("requestId").asText();
        JsonNode status = awaitCompleted(requestId, requested.plus(ERASURE_BOUND));

        assertEquals("completed", status.path("status").asText(), "the erasure completed within " + ERASURE_BOUND);
        assertEquals(0, status.path("missingServices").size());
        for (ServiceSpec service : ServiceSpec.ALL) {
            assertTrue(status.path("rowsDeleted").has(service.module()), service.module() + " confirmed");
        }
        assertTrue(status.path("rowsDeleted").path("automation-service").path("send").asLong() > 0,
                "automation-service deleted the person's send ledger rows");
        assertTrue(status.path("rowsDeleted").path("profile-service").path("audit_subject").asLong() > 0,
                "profile-service deleted the person's audit pseudonym");
        // Each check runs again until it finds nothing or the bound has passed, because a
        // service may confirm before its consumers have applied every message.
        Instant deadline = requested.plus(ERASURE_BOUND);
        List<String> leftRows = awaitEmpty(deadline, () -> rowsContaining(needles));
        assertEquals(List.of(), leftRows,
                "rows that still contain the person's identifiers " + ERASURE_BOUND + " after the request");
        assertEquals(List.of(), awaitEmpty(deadline, () -> apiReadsContaining(customer, profileKey, needles)),
                "API reads (and the caches behind them) that still return the person");
        assertEquals(List.of(), awaitEmpty(deadline, () -> compactedRecordsContaining(needles)),
                "latest records of compacted topics");
        assertEquals(0, auditEntries("subjectKey=" + URLEncoder.encode(profileKey, StandardCharsets.UTF_8)).size(),
                "audit entries that the profile key still finds");
        JsonNode erased = auditEntries("entityType=subject&entityId=" + pseudonym);
        assertEquals("erased", erased.path(0).path("action").asText(), "the audit log records the erasure");
        System.out.println("Erasure proven " + Duration.between(requested, Instant.now()).toMillis()
                + " ms after the request; the bound is " + ERASURE_BOUND);
    }

    @Test
    @Order(2)
    void logsHoldNoPersonalDataOrSecrets() throws Exception {
        LogScan scan = new LogScan();
        List<String> lines = Files.readAllLines(expected.file());
        List<String> header = List.of(lines.get(0).split(","));
        for (String line : lines.subList(1, lines.size())) {
            String[] fields = line.split(",", -1);
            scan.email(fields[header.indexOf("email")]);
            scan.phone(fields[header.indexOf("phone")]);
            scan.name(fields[header.indexOf("first_name")]);
        }
        scan.email(TRACKED_EMAIL).phone(TRACKED_PHONE).name(TRACKED_NAME);
        SECRETS.forEach((variable, value) -> scan.secret("secret from " + variable, value));
        for (String token : mailTokens()) {
            scan.secret("token of a sent mail", token);
        }
        scan.secret("write key of a tracking source", trackWithNewSource());
        // Every token that the stack signs, for users and for services, starts with the same
        // encoded JWT header, so a logged token of any kind shows up under this one entry.
        String token = stack.adminToken();
        scan.secret("bearer token (JWT header)", token.substring(0, token.indexOf('.') + 1));
        scan.secret("double opt-in confirmation token", requestConsentToken());
        // Services write log lines asynchronously, so the scan waits for the last requests' lines.
        Thread.sleep(2_000);

        List<LogScan.Finding> findings = scan.scan(stack.logDir());

        System.out.println("Log scan looked for " + scan.sizes() + " in " + stack.logDir());
        assertEquals(List.of(), findings.stream().limit(40).toList(),
                findings.size() + " log lines hold personal data or secrets (the first 40 shown)");
    }

    /** A customer of the generated file who has a phone number and received the campaign mail. */
    record Customer(String email, String phone) {
    }

    private static Customer mailedCustomerWithPhone() throws Exception {
        Set<String> recipients = new LinkedHashSet<>();
        for (MimeMessage message : stack.mail().greenMail().getReceivedMessages()) {
            recipients.add(((InternetAddress) message.getRecipients(Message.RecipientType.TO)[0]).getAddress()
                    .toLowerCase(Locale.ROOT));
        }
        Map<String, Integer> rowsPerEmail = new HashMap<>();
        List<Customer> candidates = new ArrayList<>();
        List<String> lines = Files.readAllLines(expected.file());
        List<String> header = List.of(lines.get(0).split(","));
        int email = header.indexOf("email");
        int phone = header.indexOf("phone");
        int customerId = header.indexOf("customer_id");
        Map<String, String> emailOwner = new HashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] fields = line.split(",", -1);
            // Two customers who share an address are merged into one profile; keep to people with their own.
            String owner = emailOwner.putIfAbsent(fields[email], fields[customerId]);
            if (owner != null && !owner.equals(fields[customerId])) {
                rowsPerEmail.put(fields[email], 2);
            }
            if (!fields[phone].isEmpty() && recipients.contains(fields[email].toLowerCase(Locale.ROOT))) {
                candidates.add(new Customer(fields[email], fields[phone]));
            }
        }
        return candidates.stream().filter(candidate -> !rowsPerEmail.containsKey(candidate.email()))
                .reduce((first, second) -> second).orElseThrow(() -> new AssertionError(
                        "no mailed customer with a phone number in the generated data"));
    }

    private static JsonNode awaitCompleted(String requestId, Instant deadline) throws Exception {
        JsonNode status = get("profile-service", "/api/v1/privacy/erasures/" + requestId);
        while (!"completed".equals(status.path("status").asText()) && Instant.now().isBefore(deadline)) {
            Thread.sleep(500);
            status = get("profile-service", "/api/v1/privacy/erasures/" + requestId);
        }
        return status;
    }

    /** A check that returns what it still found. */
    @FunctionalInterface
    interface Check {
        List<String> run() throws Exception;
    }

    private static List<String> awaitEmpty(Instant deadline, Check check) throws Exception {
        List<String> found = check.run();
        while (!found.isEmpty() && Instant.now().isBefore(deadline)) {
            Thread.sleep(1_000);
            found = check.run();
        }
        return found;
    }

    /**
     * Reads the person back through the APIs that serve personal data, which also reach any
     * cache in front of the tables, and returns "service GET path status" for every read that
     * still finds them: a profile read that does not return 404, a campaign recipient read that
     * is not empty, or any read whose body contains the person's address, phone or hashes.
     */
    private static List<String> apiReadsContaining(Customer customer, String profileKey, Set<String> needles)
            throws Exception {
        String key = URLEncoder.encode(profileKey, StandardCharsets.UTF_8);
        List<String> profileReads = List.of(
                "/api/v1/profiles/by-identity?kind=email&value=" + URLEncoder.encode(customer.email(), StandardCharsets.UTF_8),
                "/api/v1/profiles/by-identity?kind=phone&value=" + URLEncoder.encode(customer.phone(), StandardCharsets.UTF_8),
                "/api/v1/profiles/" + key,
                "/api/v1/profiles/" + key + "/identities",
                "/api/v1/profiles/" + key + "/consent");
        List<String> recipientReads = new ArrayList<>();
        for (JsonNode campaign : get("automation-service", "/api/v1/campaigns")) {
            recipientReads.add("/api/v1/campaigns/" + campaign.path("id").asText() + "/recipients/" + key);
        }
        Set<String> contents = new LinkedHashSet<>(needles);
        contents.remove(profileKey);

        List<String> found = new ArrayList<>();
        for (String path : profileReads) {
            HttpResponse<String> response = read("profile-service", path);
            if (response.statusCode() != 404 || containsAny(response.body(), contents)) {
                found.add("profile-service GET " + path + " " + response.statusCode());
            }
        }
        for (String path : recipientReads) {
            HttpResponse<String> response = read("automation-service", path);
            if (!response.body().strip().equals("[]") || containsAny(response.body(), contents)) {
                found.add("automation-service GET " + path + " " + response.statusCode());
            }
        }
        HttpResponse<String> cleaning = read("ingestion-service", "/api/v1/cleaning/tracking");
        if (containsAny(cleaning.body(), contents)) {
            found.add("ingestion-service GET /api/v1/cleaning/tracking " + cleaning.statusCode());
        }
        return found;
    }

    private static HttpResponse<String> read(String service, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(stack.baseUrls().get(service) + path))
                .header("Authorization", "Bearer " + stack.adminToken()).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static boolean containsAny(String body, Set<String> needles) {
        String text = body.toLowerCase(Locale.ROOT);
        return needles.stream().anyMatch(needle -> text.contains(needle.toLowerCase(Locale.ROOT)));
    }

    /** Makes the topic compacted, as the Helm chart creates it. */
    private static void compact(String topic) throws Exception {
        Properties admin = new Properties();
        admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers());
        try (Admin client = Admin.create(admin)) {
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            AlterConfigOp compact = new AlterConfigOp(new ConfigEntry(TopicConfig.CLEANUP_POLICY_CONFIG,
                    TopicConfig.CLEANUP_POLICY_COMPACT), AlterConfigOp.OpType.SET);
            client.incrementalAlterConfigs(Map.of(resource, List.of(compact))).all().get();
        }
    }

    /** Returns the unsubscribe tokens and the tracking tokens and signatures of the links in every sent mail. */
    private static Set<String> mailTokens() throws Exception {
        Pattern unsubscribe = Pattern.compile("/api/v1/unsubscribe/([A-Za-z0-9_.~%-]{16,})");
        Pattern parameter = Pattern.compile("[?&](?:amp;)?[ms]=([A-Za-z0-9_.~%-]{16,})");
        Set<String> tokens = new LinkedHashSet<>();
        for (MimeMessage message : stack.mail().greenMail().getReceivedMessages()) {
            String text = GreenMailUtil.getWholeMessage(message);
            for (Pattern pattern : List.of(unsubscribe, parameter)) {
                Matcher matcher = pattern.matcher(text);
                while (matcher.find()) {
                    tokens.add(matcher.group(1));
                }
            }
        }
        assertFalse(tokens.isEmpty(), "the sent mails carry unsubscribe and tracking tokens");
        return tokens;
    }

    /** Creates a tracking source, sends one identify call with it and returns its write key. */
    private static String trackWithNewSource() throws Exception {
        JsonNode source = post("ingestion-service", "/api/v1/sources", Map.of("name", "log-scan"));
        String writeKey = source.path("writeKey").asText();
        String basic = Base64.getEncoder().encodeToString((writeKey + ":").getBytes(StandardCharsets.UTF_8));
        HttpRequest identify = HttpRequest.newBuilder(URI.create(stack.baseUrls().get("ingestion-service") + "/v1/identify"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Basic " + basic)
                .POST(HttpRequest.BodyPublishers.ofString(MAPPER.writeValueAsString(Map.of(
                        "messageId", "log-scan-1", "userId", "log-scan-user",
                        "traits", Map.of("email", TRACKED_EMAIL, "phone", TRACKED_PHONE, "firstName", TRACKED_NAME)))))
                .build();
        send(identify);
        return writeKey;
    }

    /**
     * Withdraws the person's e-mail marketing consent, so that the audit log contains an entry about
     * them, and returns the pseudonym that names them in it.
     */
    private static String withdrawConsentAudited(String profileKey) throws Exception {
        String key = URLEncoder.encode(profileKey, StandardCharsets.UTF_8);
        HttpRequest withdraw = HttpRequest.newBuilder(URI.create(stack.baseUrls().get("profile-service")
                + "/api/v1/privacy/consent/" + key + "/email/marketing"))
                .header("Authorization", "Bearer " + stack.adminToken())
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(MAPPER.writeValueAsString(Map.of(
                        "state", "withdrawn", "actor", "erasure-proof"))))
                .build();
        send(withdraw);

        JsonNode entries = auditEntries("subjectKey=" + key);
        assertTrue(entries.size() > 0, "the audit log holds the consent change before the erasure");
        String pseudonym = entries.path(0).path("subject").asText();
        assertFalse(pseudonym.isEmpty(), "the audit entry names the person by a pseudonym");
        return pseudonym;
    }

    /** Returns profile-service's audit entries that match the query string. */
    private static JsonNode auditEntries(String query) throws Exception {
        return get("profile-service", "/api/v1/audit?" + query).path("entries");
    }

    /** Requests double opt-in consent for a demo profile and returns the confirmation token. */
    private static String requestConsentToken() throws Exception {
        String profileKey = get("profile-service", "/api/v1/profiles?limit=1").path("profiles").path(0)
                .path("profileKey").asText();
        HttpRequest request = HttpRequest.newBuilder(URI.create(stack.baseUrls().get("profile-service")
                + "/api/v1/privacy/consent/" + URLEncoder.encode(profileKey, StandardCharsets.UTF_8) + "/email/marketing"))
                .header("Authorization", "Bearer " + stack.adminToken())
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(MAPPER.writeValueAsString(Map.of(
                        "state", "granted", "doubleOptIn", true, "actor", "log-scan"))))
                .build();
        String token = send(request).path("confirmationToken").asText();
        assertFalse(token.isEmpty(), "profile-service returned a confirmation token");
        return token;
    }

    private static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }

    /** Returns "database.table: needle" for every table row whose text contains a needle. */
    private static List<String> rowsContaining(Set<String> needles) throws Exception {
        List<String> found = new ArrayList<>();
        for (ServiceSpec service : ServiceSpec.ALL) {
            try (Connection connection = DriverManager.getConnection(stack.jdbcUrl(service.database()),
                    PostgresServer.USER, "")) {
                List<String> tables = new ArrayList<>();
                try (ResultSet rows = connection.createStatement().executeQuery("""
                        select table_name from information_schema.tables
                        where table_schema = current_schema() and table_type = 'BASE TABLE'
                        order by table_name""")) {
                    while (rows.next()) {
                        tables.add(rows.getString(1));
                    }
                }
                for (String table : tables) {
                    // t::text is the whole row as text: every text, jsonb and array column included.
                    String query = "select count(*) from \"" + table + "\" t where strpos(lower(t::text), lower(?)) > 0";
                    try (PreparedStatement statement = connection.prepareStatement(query)) {
                        for (String needle : needles) {
                            statement.setString(1, needle);
                            try (ResultSet count = statement.executeQuery()) {
                                count.next();
                                if (count.getLong(1) > 0) {
                                    found.add(service.database() + "." + table + ": " + needle);
                                }
                            }
                        }
                    }
                }
            }
        }
        return found;
    }

    /**
     * Reads every topic whose cleanup.policy includes compact to its end and returns the keys whose
     * latest record still contains a needle (a tombstone, a null value, contains none).
     */
    private static List<String> compactedRecordsContaining(Set<String> needles) throws Exception {
        Properties admin = new Properties();
        admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers());
        List<String> compacted = new ArrayList<>();
        try (Admin client = Admin.create(admin)) {
            Set<String> topics = client.listTopics().names().get();
            List<ConfigResource> resources = topics.stream()
                    .map(topic -> new ConfigResource(ConfigResource.Type.TOPIC, topic)).toList();
            Map<ConfigResource, Config> configs = client.describeConfigs(resources).all().get();
            configs.forEach((resource, config) -> {
                String policy = config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value();
                if (policy.contains(TopicConfig.CLEANUP_POLICY_COMPACT)) {
                    compacted.add(resource.name());
                }
            });
        }
        List<String> found = new ArrayList<>();
        for (String topic : compacted) {
            Map<String, String> latest = latestValues(topic);
            latest.forEach((key, value) -> needles.stream()
                    .filter(needle -> (key != null && key.contains(needle)) || (value != null && value.contains(needle)))
                    .forEach(needle -> found.add(topic + " key " + key + ": " + needle)));
        }
        System.out.println("Compacted topics checked: " + compacted);
        return found;
    }

    private static Map<String, String> latestValues(String topic) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "erasure-proof-" + UUID.randomUUID());
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        Map<String, String> latest = new HashMap<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < end.get(partition))) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    latest.put(record.key(), record.value());
                }
            }
        }
        return latest;
    }

    private static JsonNode get(String service, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(stack.baseUrls().get(service) + path))
                .header("Authorization", "Bearer " + stack.adminToken())
                .GET().build();
        return send(request);
    }

    private static JsonNode post(String service, String path, Object body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(stack.baseUrls().get(service) + path))
                .header("Authorization", "Bearer " + stack.adminToken())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(MAPPER.writeValueAsString(body))).build();
        return send(request);
    }

    private static JsonNode send(HttpRequest request) throws Exception {
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        assertFalse(response.statusCode() >= 300, request.method() + " " + request.uri() + " returned "
                + response.statusCode() + ": " + response.body());
        return MAPPER.readTree(response.body());
    }

    /** Keeps the digits and a leading +, as profile-service normalises phone numbers before hashing. */
    private static String normalisedPhone(String phone) {
        String digits = phone.replaceAll("[^0-9]", "");
        return phone.strip().startsWith("+") ? "+" + digits : digits;
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
