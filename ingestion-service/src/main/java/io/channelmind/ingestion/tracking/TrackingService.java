package io.channelmind.ingestion.tracking;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.channelmind.ingestion.cleaning.TrackingCleaning;
import io.channelmind.ingestion.config.IngestionConfig;
import io.channelmind.ingestion.messaging.OutboundMessage;
import io.channelmind.ingestion.messaging.PersonalTraits;
import io.channelmind.ingestion.messaging.TrackingPublisher;
import io.channelmind.ingestion.repository.MessageIdRepository;
import io.channelmind.web.Problem;
import io.channelmind.web.ProblemException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * Accepts tracking calls: checks the write key (from the Authorization header or the body's
 * {@code writeKey}), reads and validates the body, drops calls whose
 * messageId was seen within the de-duplication window, and publishes the rest. Its result comes
 * only after Kafka acknowledged every published event. The messageIds are recorded in a database
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
    private final Counter publishedCalls;
    private final Counter duplicateCalls;
    private final TrackingCleaning cleaning;

    public TrackingService(SourceService sources, MessageIdRepository messageIds, TrackingPublisher publisher,
            ObjectMapper objectMapper, IngestionConfig config, MeterRegistry meters, TrackingCleaning cleaning,
            PersonalTraits personalTraits) {
        this.sources = sources;
        this.messageIds = messageIds;
        this.publisher = publisher;
        this.objectMapper = objectMapper;
        this.mapper = new CallMapper(objectMapper, cleaning, personalTraits);
        this.reader = new RequestReader(objectMapper);
        this.config = config.tracking();
        this.publishedCalls = meters.counter("channelmind.ingestion.tracking.calls", "outcome", "published");
        this.duplicateCalls = meters.counter("channelmind.ingestion.tracking.calls", "outcome", "duplicate");
        this.cleaning = cleaning;
    }

    /** The calls of one request: how many it contained and how many were new and published. */
    public record Outcome(int calls, int published) {
    }

    /**
     * Accepts one call of {@code type}, or a batch when {@code type} is null, and emits the outcome
     * once Kafka acknowledged every new call and the messageIds are committed. It runs on the
     * calling thread, the event loop, except for a write key that is not in the cache: that one is
     * checked against the database on a worker thread.
     *
     * <p>The Uni fails with a {@link io.channelmind.web.ProblemException} for a missing or wrong
     * key, an invalid or oversized body (400), or when the database or Kafka failed (503).
     */
    public Uni<Outcome> accept(CallType type, String authorization, String contentEncoding, byte[] body) {
        return Uni.createFrom().deferred(() -> {
            // A key in the header is checked before the body is read; a key in the body only after.
            if (authorization == null) {
                return acceptBody(null, type, contentEncoding, body);
            }
            String cached = sources.cachedSource(authorization);
            if (cached != null) {
                return acceptBody(cached, type, contentEncoding, body);
            }
            return onWorker(() -> sources.authenticate(authorization))
                    .flatMap(source -> acceptBody(source, type, contentEncoding, body));
        });
    }

    private Uni<Outcome> acceptBody(String headerSource, CallType type, String contentEncoding, byte[] body) {
        Instant receivedAt = Instant.now();
        boolean batch = type == null;
        byte[] bytes = RequestBodies.read(body, contentEncoding,
                batch ? config.maxBatchBytes() : config.maxEventBytes(), batch);
        TrackingRequest request = reader.read(bytes, batch);
        if (headerSource != null) {
            return acceptCalls(headerSource, type, request, receivedAt);
        }
        String cached = sources.cachedSourceOfKey(request.writeKey());
        if (cached != null) {
            return acceptCalls(cached, type, request, receivedAt);
        }
        return onWorker(() -> sources.authenticateKey(request.writeKey()))
                .flatMap(source -> acceptCalls(source, type, request, receivedAt));
    }

    private Uni<Outcome> acceptCalls(String source, CallType type, TrackingRequest request, Instant receivedAt) {
        List<TrackingCall> calls = type == null ? parseBatch(request, receivedAt)
                : List.of(parseSingle(type, request, receivedAt));
        return deliver(source, calls, receivedAt).map(published -> {
            LOG.debugf("Source %s sent %d tracking calls, %d published, %d duplicates", source, calls.size(), published,
                    calls.size() - published);
            publishedCalls.increment(published);
            duplicateCalls.increment(calls.size() - published);
            return new Outcome(calls.size(), published);
        });
    }

    /** Runs a blocking look-up on a worker thread, so it does not hold up the event loop. */
    private static <T> Uni<T> onWorker(Supplier<T> lookup) {
        return Uni.createFrom().item(lookup).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
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
     * Publishes the calls whose messageId is new and emits how many it published. The first call
     * of each id counts, so a batch {@code [a, b, c, c]} where {@code a} was seen publishes b and
     * c. The ids are claimed in a transaction that stays open until Kafka responded, so another
     * replica's request with the same id waits for its outcome. The ids of calls that Kafka did
     * not acknowledge are released before the commit, so the client's retry publishes exactly those.
     */
    private Uni<Integer> deliver(String source, List<TrackingCall> calls, Instant receivedAt) {
        Map<String, TrackingCall> firstById = new LinkedHashMap<>();
        calls.forEach(call -> firstById.putIfAbsent(call.messageId(), call));
        if (firstById.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        List<TrackingCall> unique = new ArrayList<>(firstById.values());
        // Written before the claim, so a failure here leaves nothing claimed. A duplicate's
        // message is written in vain, but duplicates are rare outside client retries.
        List<OutboundMessage> messages = mapper.toMessages(source, unique);
        String[] ids = firstById.keySet().toArray(String[]::new);
        Arrays.sort(ids);
        return messageIds.claimInTransaction(source, ids, receivedAt, receivedAt.minus(config.dedupeWindow()),
                        (transaction, fresh) -> publishFresh(transaction, source, unique, messages, fresh))
                .onFailure(failure -> !(failure instanceof ProblemException)).transform(failure -> {
                    // NOTE: calls that Kafka acknowledged before this failure are published again by the client's retry.
                    LOG.warnf(failure, "Recording the messageIds of source %s failed", source);
                    return TrackingProblems.storageUnavailable(RETRY_AFTER_SECONDS);
                })
                .map(delivery -> {
                    if (!delivery.complete()) {
                        throw TrackingProblems.publishFailed(RETRY_AFTER_SECONDS);
                    }
                    return delivery.acknowledged().length;
                });
    }

    /** Publishes the messages of the fresh calls and, when Kafka failed some, releases their ids. */
    private Uni<TrackingPublisher.Delivery> publishFresh(SqlConnection transaction, String source,
            List<TrackingCall> calls, List<OutboundMessage> messages, Set<String> fresh) {
        List<TrackingCall> newCalls = calls;
        List<OutboundMessage> newMessages = messages;
        // The ids are distinct, so when the claim returned as many as there are calls, all are new.
        if (fresh.size() < calls.size()) {
            newCalls = new ArrayList<>(fresh.size());
            newMessages = new ArrayList<>(fresh.size());
            for (int i = 0; i < calls.size(); i++) {
                if (fresh.contains(calls.get(i).messageId())) {
                    newCalls.add(calls.get(i));
                    newMessages.add(messages.get(i));
                }
            }
        }
        if (newMessages.isEmpty()) {
            return Uni.createFrom().item(new TrackingPublisher.Delivery(new boolean[0], null));
        }
        List<TrackingCall> sentCalls = newCalls;
        return publisher.publish(newMessages).flatMap(delivery -> delivery.complete()
                ? Uni.createFrom().item(delivery)
                : releaseUnacknowledged(transaction, source, sentCalls, delivery).replaceWith(delivery));
    }

    private Uni<Void> releaseUnacknowledged(SqlConnection transaction, String source, List<TrackingCall> calls,
            TrackingPublisher.Delivery delivery) {
        List<String> unacknowledged = new ArrayList<>();
        for (int i = 0; i < calls.size(); i++) {
            if (!delivery.acknowledged()[i]) {
                unacknowledged.add(calls.get(i).messageId());
            }
        }
        LOG.warnf("Kafka did not acknowledge %d of %d tracking calls of source %s, so the request gets a 503: %s",
                unacknowledged.size(), calls.size(), source, delivery.error());
        return messageIds.release(transaction, source, unacknowledged);
    }
}
