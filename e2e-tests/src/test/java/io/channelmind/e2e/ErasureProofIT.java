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
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;

import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.channelmind.stack.cli.ServiceSpec;
import io.channelmind.stack.demo.DemoDataGenerator;
import io.channelmind.stack.demo.DemoDataSet;
import io.channelmind.stack.demo.DemoDriver;
import io.channelmind.stack.demo.DemoOptions;
import io.channelmind.stack.infra.PostgresServer;

/**
 * Runs the demo, erases one person who received a mail, and proves that no table of any service
 * and no compacted topic still contains their e-mail address, phone number, profile key or
 * identity hashes.
 */
class ErasureProofIT {

    private static final int CUSTOMERS = 300;
    private static final long SEED = 11;
    private static final Duration COMPLETION_TIMEOUT = Duration.ofMinutes(2);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static LocalStack stack;
    private static DemoDataSet expected;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @BeforeAll
    static void runDemo(@TempDir Path workDir) throws Exception {
        stack = LocalStack.start("erasure");
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
    void erasureLeavesNoTrace() throws Exception {
        Customer customer = mailedCustomerWithPhone();
        JsonNode profile = get("profile-service", "/api/v1/profiles/by-identity?kind=email&value="
                + URLEncoder.encode(customer.email(), StandardCharsets.UTF_8));
        String profileKey = profile.path("profileKey").asText();
        Set<String> needles = new LinkedHashSet<>(List.of(customer.email(), customer.phone(), profileKey,
                sha256(customer.email().toLowerCase(Locale.ROOT)), sha256(normalisedPhone(customer.phone()))));
        assertTrue(rowsContaining(needles).size() > 0, "the demo stored the person before the erasure");

        JsonNode request = post("profile-service", "/api/v1/privacy/erasures",
                Map.of("kind", "email", "value", customer.email()));
        String requestId = request.path("requestId").asText();
        JsonNode status = awaitCompleted(requestId);

        assertEquals("completed", status.path("status").asText());
        assertEquals(0, status.path("missingServices").size());
        for (ServiceSpec service : ServiceSpec.ALL) {
            assertTrue(status.path("rowsDeleted").has(service.module()), service.module() + " confirmed");
        }
        assertTrue(status.path("rowsDeleted").path("automation-service").path("send").asLong() > 0,
                "automation-service deleted the person's send ledger rows");
        assertEquals(List.of(), rowsContaining(needles), "rows that still contain the person's identifiers");
        assertEquals(List.of(), compactedRecordsContaining(needles), "latest records of compacted topics");
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

    private static JsonNode awaitCompleted(String requestId) throws Exception {
        Instant deadline = Instant.now().plus(COMPLETION_TIMEOUT);
        JsonNode status = get("profile-service", "/api/v1/privacy/erasures/" + requestId);
        while (!"completed".equals(status.path("status").asText()) && Instant.now().isBefore(deadline)) {
            Thread.sleep(500);
            status = get("profile-service", "/api/v1/privacy/erasures/" + requestId);
        }
        return status;
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
