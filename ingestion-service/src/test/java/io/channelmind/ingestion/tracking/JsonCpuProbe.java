package io.channelmind.ingestion.tracking;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.channelmind.ingestion.cleaning.TrackingCleaning;
import io.channelmind.ingestion.config.IngestionConfig;
import io.channelmind.ingestion.domain.EventIds;
import io.channelmind.ingestion.domain.IsoInstants;
import io.channelmind.ingestion.messaging.CustomerEvent;
import io.channelmind.ingestion.messaging.EventSource;
import io.channelmind.ingestion.messaging.PersonalTraits;
import io.channelmind.stack.infra.LocalKeys;
import io.channelmind.web.crypto.SecretKeyEncryptionKey;
import io.channelmind.web.crypto.TopicSealer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * Measures the CPU time of one thread that turns a 100-call batch body, shaped like the tracking
 * benchmark's, into event JSON: with the streaming path of the service, and with JSON trees as
 * the service did before (a tree of the body, a second streaming pass for item sizes, and a
 * {@link CustomerEvent} with tree fields written by Jackson). Neither path touches Kafka or the
 * database. Thread CPU time depends less on other processes than wall time does, but a loaded
 * machine still raises it. Not a test: run its {@code main} with the test classpath.
 */
public final class JsonCpuProbe {

    private static final int BATCHES_PER_ROUND = 2000;
    private static final int ROUNDS = 5;

    private JsonCpuProbe() {
    }

    public static void main(String[] args) throws Exception {
        ObjectMapper objectMapper = new ObjectMapper().registerModule(new JavaTimeModule());
        TrackingCleaning cleaning = new TrackingCleaning(emptyConfig(), new SimpleMeterRegistry());
        byte[] body = batchBody(100).getBytes(StandardCharsets.UTF_8);
        ObjectWriter treeWriter = treeEventWriter(objectMapper);
        PersonalTraits personalTraits = new PersonalTraits(new TopicSealer(new SecretKeyEncryptionKey(
                LocalKeys.keyEncryptionKey(), List.of()), Duration.ofHours(1), Clock.systemUTC()), emptyConfig(),
                new SimpleMeterRegistry());
        CallMapper mapper = new CallMapper(objectMapper, cleaning, personalTraits);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();

        long[] streamed = new long[ROUNDS];
        long[] trees = new long[ROUNDS];
        for (int round = -2; round < ROUNDS; round++) {
            long start = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < BATCHES_PER_ROUND; i++) {
                streamed(objectMapper, mapper, body);
            }
            long middle = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < BATCHES_PER_ROUND; i++) {
                trees(objectMapper, treeWriter, cleaning, body);
            }
            long end = threads.getCurrentThreadCpuTime();
            if (round >= 0) {
                streamed[round] = (middle - start) / BATCHES_PER_ROUND;
                trees[round] = (end - middle) / BATCHES_PER_ROUND;
            }
        }
        Arrays.sort(streamed);
        Arrays.sort(trees);
        System.out.printf("body %d bytes, 100 calls; median of %d rounds of %d batches, CPU time per batch:%n",
                body.length, ROUNDS, BATCHES_PER_ROUND);
        System.out.printf("streaming: %d us (rounds %s)%n", streamed[ROUNDS / 2] / 1000, micros(streamed));
        System.out.printf("trees:     %d us (rounds %s)%n", trees[ROUNDS / 2] / 1000, micros(trees));
    }

    private static int streamed(ObjectMapper objectMapper, CallMapper mapper, byte[] body) {
        Instant receivedAt = Instant.now();
        TrackingRequest request = new RequestReader(objectMapper).read(body, true);
        CallParser parser = new CallParser(objectMapper, request.copy());
        Instant sentAt = parser.instant(request.root(), "", "sentAt");
        CallContext context = parser.context(request.root(), "");
        List<TrackingCall> calls = new ArrayList<>(request.batch().size());
        for (ParsedCall item : request.batch()) {
            calls.add(parser.parse(CallType.TRACK, item, "", sentAt, context, receivedAt));
        }
        return mapper.toMessages("web", calls).size();
    }

    private static int trees(ObjectMapper objectMapper, ObjectWriter writer, TrackingCleaning cleaning, byte[] body)
            throws IOException {
        Instant receivedAt = Instant.now();
        JsonNode root = objectMapper.readTree(body);
        int[] sizes = itemSizes(objectMapper, body);
        Instant sentAt = Instant.parse(root.get("sentAt").asText());
        int written = sizes.length;
        for (JsonNode item : root.get("batch")) {
            String messageId = item.get("messageId").asText();
            String userId = item.get("userId").asText();
            Instant timestamp = IsoInstants.parseWithOffset(item.get("timestamp").asText());
            ObjectNode properties = (ObjectNode) item.get("properties");
            ObjectNode context = (ObjectNode) item.get("context");
            String channel = cleaning.channel(text(context.at("/campaign/source")), text(context.at("/campaign/medium")),
                    text(context.at("/page/referrer")), text(context.at("/page/url")));
            CustomerEvent event = new CustomerEvent(CustomerEvent.SCHEMA_VERSION, EventIds.trackingCall("web", messageId),
                    "track", "web:" + userId, ClockSkew.correct(timestamp, sentAt, receivedAt), channel,
                    text(context.at("/campaign/name")), (BigDecimal) null, null, Map.of(),
                    EventSource.ofTracking("web", messageId), userId, null, item.get("event").asText(), null,
                    properties, null, null, timestamp, receivedAt, context, null, null, null);
            written += writer.writeValueAsBytes(event).length;
        }
        return written;
    }

    /** Measures each item's size with a second pass over the body, as the old path did. */
    private static int[] itemSizes(ObjectMapper objectMapper, byte[] body) throws IOException {
        List<Integer> sizes = new ArrayList<>();
        try (JsonParser parser = objectMapper.getFactory().createParser(body)) {
            parser.nextToken();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                parser.nextToken();
                if (!"batch".equals(field)) {
                    parser.skipChildren();
                    continue;
                }
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    long start = parser.currentTokenLocation().getByteOffset();
                    parser.skipChildren();
                    sizes.add((int) (parser.currentLocation().getByteOffset() - start));
                }
            }
        }
        return sizes.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Returns a writer that formats instants with {@link IsoInstants}, as the old event writer did. */
    private static ObjectWriter treeEventWriter(ObjectMapper objectMapper) {
        SimpleModule instants = new SimpleModule("tracking-instants");
        instants.addSerializer(Instant.class, new StdSerializer<>(Instant.class) {
            @Override
            public void serialize(Instant value, JsonGenerator generator, SerializerProvider provider) throws IOException {
                generator.writeString(IsoInstants.format(value));
            }
        });
        return objectMapper.copy().registerModule(instants).writer();
    }

    private static String text(JsonNode value) {
        return value.isTextual() ? value.asText() : null;
    }

    private static String micros(long[] nanos) {
        return Arrays.toString(Arrays.stream(nanos).map(value -> value / 1000).toArray());
    }

    /** Builds a body like the benchmark driver's: track calls with properties and page and campaign context. */
    private static String batchBody(int size) {
        String now = Instant.now().toString();
        StringBuilder body = new StringBuilder(size * 600).append("{\"sentAt\": \"").append(now).append("\", \"batch\": [");
        for (int n = 0; n < size; n++) {
            body.append(n == 0 ? "" : ",")
                    .append("{\"type\": \"track\", \"messageId\": \"probe-").append(n)
                    .append("\", \"userId\": \"customer-").append(n)
                    .append("\", \"event\": \"Product Viewed\", \"timestamp\": \"").append(now)
                    .append("\", \"properties\": {\"product_id\": \"sku-").append(n)
                    .append("\", \"category\": \"shoes\", \"price\": 59.9, \"currency\": \"EUR\"},")
                    .append(" \"context\": {\"page\": {\"path\": \"/products/").append(n)
                    .append("\", \"referrer\": \"https://www.example.com/search\"}, \"campaign\": {\"name\": \"winter-sale\",")
                    .append(" \"source\": \"newsletter\", \"medium\": \"email\"}, \"userAgent\": \"Mozilla/5.0 (X11; Linux x86_64)\"}}");
        }
        return body.append("]}").toString();
    }

    /** Returns a configuration whose channel tables are empty; both paths use the same one. */
    private static IngestionConfig emptyConfig() {
        IngestionConfig.Channels channels = proxy(IngestionConfig.Channels.class, method -> switch (method) {
            case "mediums", "clickIds" -> Map.of();
            default -> List.of();
        });
        IngestionConfig.Cleaning cleaning = proxy(IngestionConfig.Cleaning.class, method -> switch (method) {
            case "channels" -> channels;
            case "reportingCurrency" -> Optional.empty();
            default -> Map.of();
        });
        IngestionConfig.PersonalData personalData = proxy(IngestionConfig.PersonalData.class,
                method -> List.of("email", "phone", "firstName", "lastName", "name"));
        return proxy(IngestionConfig.class, method -> switch (method) {
            case "cleaning" -> cleaning;
            case "personalData" -> personalData;
            default -> null;
        });
    }

    private static <T> T proxy(Class<T> type, java.util.function.Function<String, Object> values) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (instance, method, arguments) -> values.apply(method.getName())));
    }
}
