package io.channelmind.ingestion.tracking;

import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.channelmind.ingestion.cleaning.TrackingCleaning;
import io.channelmind.ingestion.config.IngestionConfig;
import io.channelmind.ingestion.messaging.OutboundMessage;
import io.channelmind.ingestion.messaging.TrackingPublisher;
import io.channelmind.ingestion.repository.MessageIdRepository;
import io.channelmind.ingestion.repository.StorageException;
import io.channelmind.web.Problem;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Accepts tracking calls: checks the write key (from the Authorization header or the body's
 * {@code writeKey}), reads and validates the body, drops calls whose
 * messageId was seen within the de-duplication window, and publishes the rest. It returns only
 * after Kafka acknowledged every published event. The messageIds are recorded in a database
 * transaction that commits after the acknowledgements and keeps only the ids of acknowledged
 * calls, so the client's retry of a failed request is accepted for every call not yet stored.
 */
@ApplicationScoped
public class TrackingService {

    private static final Logger LOG = Logger.getLogger(TrackingService.class);
    static final int RETRY_AFTER_SECONDS = 5;
    /**
     * Maximum factor by which an item's compact JSON can exceed its size as sent. Only numbers
     * grow when Jackson rewrites them: {@code 1e6} (3 bytes) becomes {@code 1000000.0} (9 bytes).
     */
    static final int MAX_GROWTH = 3;

    private final SourceService sources;
    private final MessageIdRepository messageIds;
    private final TrackingPublisher publisher;
    private final ObjectMapper objectMapper;
    private final CallMapper mapper;
    private final RequestReader reader;
    private final IngestionConfig.Tracking config;
    private final MeterRegistry meters;
    private final TrackingCleaning cleaning;

    public TrackingService(SourceService sources, MessageIdRepository messageIds, TrackingPublisher publisher,
            ObjectMapper objectMapper, IngestionConfig config, MeterRegistry meters, TrackingCleaning cleaning) {
        this.sources = sources;
        this.messageIds = messageIds;
        this.publisher = publisher;
        this.objectMapper = objectMapper;
        this.mapper = new CallMapper(objectMapper, cleaning);
        this.reader = new RequestReader(objectMapper);
        this.config = config.tracking();
        this.meters = meters;
        this.cleaning = cleaning;
    }

    /** The calls of one request: how many it contained and how many were new and published. */
    public record Outcome(int calls, int published) {
    }

    /**
     * Accepts one call of {@code type}, or a batch when {@code type} is null. Blocks while it reads
     * the body and waits for the database and Kafka.
     *
     * @throws io.channelmind.web.ProblemException for a missing or wrong key, an invalid or
     *         oversized body (400), or when the database or Kafka failed (503)
     */
    public Outcome accept(CallType type, String authorization, String contentEncoding, InputStream body) {
        // A key in the header is checked before the body is read; a key in the body only after.
        String source = authorization == null ? null : sources.authenticate(authorization);
        Instant receivedAt = Instant.now();
        boolean batch = type == null;
        byte[] bytes = RequestBodies.read(body, contentEncoding,
                batch ? config.maxBatchBytes() : config.maxEventBytes(), batch);
        TrackingRequest request = reader.read(bytes, batch);
        if (source == null) {
            source = sources.authenticateKey(request.writeKey());
        }

        List<TrackingCall> calls = batch ? parseBatch(request, receivedAt) : List.of(parseSingle(type, request, receivedAt));
        int published = deliver(source, calls, receivedAt);
        LOG.debugf("Source %s sent %d tracking calls, %d published, %d duplicates", source, calls.size(), published,
                calls.size() - published);
        meters.counter("channelmind.ingestion.tracking.calls", "outcome", "published").increment(published);
        meters.counter("channelmind.ingestion.tracking.calls", "outcome", "duplicate").increment(calls.size() - published);
        return new Outcome(calls.size(), published);
    }

    private TrackingCall parseSingle(CallType type, TrackingRequest request, Instant receivedAt) {
        if (request.root() == null) {
            throw TrackingProblems.notAnObject("body");
        }
        CallParser parser = new CallParser(objectMapper, request.copy());
        TrackingCall call = parser.parse(type, request.root(), "", null, null, receivedAt);
        if (call == null) {
            throw TrackingProblems.invalidCalls(parser.errors());
        }
        countCleaning(parser);
        return call;
    }

    private List<TrackingCall> parseBatch(TrackingRequest request, Instant receivedAt) {
        ParsedCall root = request.root();
        if (root == null) {
            throw TrackingProblems.notAnObject("body");
        }
        CallParser parser = new CallParser(objectMapper, request.copy());
        List<ParsedCall> items = request.batch();
        if (items == null) {
            throw Problem.of(400, "invalid-call", "Invalid tracking call")
                    .detail("A batch body needs the array 'batch' with the calls")
                    .error("batch", null, "Send {\"batch\": [call, ...]}, where each call has a type such as track")
                    .toException();
        }
        Instant sentAt = parser.instant(root, "", "sentAt");
        CallContext context = parser.context(root, "");

        List<TrackingCall> calls = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            String path = "batch[" + i + "].";
            ParsedCall item = items.get(i);
            if (item == null) {
                throw TrackingProblems.notAnObject("batch[" + i + "]");
            }
            checkItemSize(request.body(), item, i);
            JsonNode typeName = item.get("type");
            String typeText = typeName == null ? null : typeName.asText(null);
            CallType type = CallType.fromJsonName(typeText).orElse(null);
            if (type == null) {
                parser.errors().add(new CallParser.InvalidField(path + "type", typeText,
                        "Must be one of identify, track, page, screen, group, alias"));
                continue;
            }
            TrackingCall call = parser.parse(type, item, path, sentAt, context, receivedAt);
            if (call != null) {
                calls.add(call);
            }
        }
        if (!parser.errors().isEmpty()) {
            throw TrackingProblems.invalidCalls(parser.errors());
        }
        countCleaning(parser);
        return calls;
    }

    /** Counts the cleaning rules that the parser applied, once the request's calls are all valid. */
    private void countCleaning(CallParser parser) {
        for (int i = 0; i < parser.normalisedIds(); i++) {
            cleaning.count("normalisedId");
        }
        for (int i = 0; i < parser.timestampsWithoutOffset(); i++) {
            cleaning.count("timestampWithoutOffset");
        }
    }

    /**
     * Checks an item's size as compact JSON. An item whose size as sent is small enough that
     * compact JSON cannot exceed the limit is not serialised.
     */
    private void checkItemSize(byte[] body, ParsedCall item, int index) {
        if ((long) item.sentSize() * MAX_GROWTH <= config.maxEventBytes()) {
            return;
        }
        try {
            int size = objectMapper.writeValueAsBytes(objectMapper.readTree(body, item.start(), item.sentSize())).length;
            if (size > config.maxEventBytes()) {
                throw TrackingProblems.tooLarge("event-too-large", "Call too large", "The call batch[" + index + "]", "batch[" + index + "]",
                        config.maxEventBytes(), Integer.toString(size));
            }
        } catch (IOException e) {
            throw new IllegalStateException("Reading a batch item that was parsed before failed", e);
        }
    }

    /**
     * Publishes the calls whose messageId is new and returns how many it published. Only the ids
     * of calls that Kafka acknowledged are committed. After a partial failure the others are
     * released before the commit, so the client's retry publishes exactly those.
     */
    private int deliver(String source, List<TrackingCall> calls, Instant receivedAt) {
        Map<String, TrackingCall> firstById = new LinkedHashMap<>();
        calls.forEach(call -> firstById.putIfAbsent(call.messageId(), call));
        if (firstById.isEmpty()) {
            return 0;
        }
        Connection transaction = openTransaction();
        try {
            Set<String> fresh = messageIds.claim(transaction, source, new TreeSet<>(firstById.keySet()), receivedAt,
                    receivedAt.minus(config.dedupeWindow()));
            List<TrackingCall> newCalls = firstById.values().stream()
                    .filter(call -> fresh.contains(call.messageId()))
                    .toList();
            List<OutboundMessage> messages = mapper.toMessages(source, newCalls);
            TrackingPublisher.Delivery delivery = publisher.publish(messages);
            if (!delivery.complete()) {
                releaseUnacknowledged(transaction, source, newCalls, delivery);
            }
            transaction.commit();
            if (!delivery.complete()) {
                throw TrackingProblems.publishFailed(RETRY_AFTER_SECONDS);
            }
            return messages.size();
        } catch (StorageException | SQLException e) {
            // NOTE: calls that Kafka acknowledged before this failure are published again by the client's retry.
            LOG.warnf(e, "Recording the messageIds of source %s failed", source);
            rollback(transaction);
            throw TrackingProblems.storageUnavailable(RETRY_AFTER_SECONDS);
        } finally {
            close(transaction);
        }
    }

    private void releaseUnacknowledged(Connection transaction, String source, List<TrackingCall> calls,
            TrackingPublisher.Delivery delivery) {
        List<String> unacknowledged = new ArrayList<>();
        for (int i = 0; i < calls.size(); i++) {
            if (!delivery.acknowledged()[i]) {
                unacknowledged.add(calls.get(i).messageId());
            }
        }
        LOG.warnf("Kafka did not acknowledge %d of %d tracking calls of source %s, so the request gets a 503: %s",
                unacknowledged.size(), calls.size(), source, delivery.error());
        messageIds.release(transaction, source, unacknowledged);
    }

    private Connection openTransaction() {
        try {
            return messageIds.openTransaction();
        } catch (StorageException e) {
            LOG.warnf(e, "Opening a database connection for tracking calls failed");
            throw TrackingProblems.storageUnavailable(RETRY_AFTER_SECONDS);
        }
    }

    private static void rollback(Connection transaction) {
        try {
            transaction.rollback();
        } catch (SQLException e) {
            LOG.warnf(e, "Rolling back the messageIds of a failed tracking request failed; closing the connection "
                    + "discards them");
        }
    }

    private static void close(Connection transaction) {
        try {
            transaction.close();
        } catch (SQLException e) {
            LOG.warnf(e, "Closing a database connection failed");
        }
    }
}
