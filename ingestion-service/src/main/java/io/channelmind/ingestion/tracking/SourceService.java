package io.channelmind.ingestion.tracking;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.channelmind.ingestion.config.IngestionConfig;
import io.channelmind.ingestion.repository.SourceRepository;
import io.channelmind.ingestion.repository.SourceRepository.ActiveKey;
import io.channelmind.ingestion.repository.StorageException;
import io.channelmind.ingestion.repository.TrackingSource;
import io.channelmind.web.Problem;
import io.channelmind.web.ProblemException;

/** Creates, rotates and revokes tracking sources and checks write keys. Every method blocks on the database. */
@ApplicationScoped
public class SourceService {

    private static final Logger LOG = Logger.getLogger(SourceService.class);
    private static final Pattern NAME = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final int MAX_NAME_LENGTH = 100;

    private final SourceRepository repository;
    private final IngestionConfig.Tracking config;

    private final WriteKeyCache keyCache;

    public SourceService(SourceRepository repository, IngestionConfig config) {
        this.repository = repository;
        this.config = config.tracking();
        this.keyCache = new WriteKeyCache(this.config.writeKeyCacheTtl(), Clock.systemUTC());
    }

    /** A source with its write key in plain text, which only creation and rotation return. */
    public record IssuedKey(String name, String writeKey, Instant previousKeyValidUntil) {
    }

    /**
     * Creates a source with a new write key.
     *
     * @throws ProblemException 400 for an invalid name, 409 when the name is taken
     */
    public IssuedKey create(String name) {
        checkName(name);
        String writeKey = WriteKeys.generate();
        if (!repository.insert(name, WriteKeys.hash(writeKey), WriteKeys.prefix(writeKey), Instant.now())) {
            throw Problem.of(409, "source-exists", "Source exists")
                    .detail("A source named '" + name + "' exists, or existed and was revoked")
                    .error("name", name, "Choose another name, or rotate the existing source's key with "
                            + "POST /api/v1/sources/" + name + "/rotate")
                    .toException();
        }
        LOG.infof("Created tracking source %s", name);
        return new IssuedKey(name, writeKey, null);
    }

    public List<TrackingSource> list() {
        return repository.list();
    }

    /** Returns the source, or throws a 404 problem when there is none of this name. */
    public TrackingSource get(String name) {
        return repository.find(name).orElseThrow(() -> notFound(name));
    }

    /**
     * Gives an active source a new write key. The old key keeps working for the configured grace
     * period, so clients can switch over without losing calls.
     */
    public IssuedKey rotate(String name) {
        String writeKey = WriteKeys.generate();
        Instant now = Instant.now();
        Instant previousValidUntil = now.plus(config.rotationGracePeriod());
        if (!repository.rotate(name, WriteKeys.hash(writeKey), WriteKeys.prefix(writeKey), now, previousValidUntil)) {
            throw notActive(name);
        }
        keyCache.clear();
        LOG.infof("Rotated the write key of tracking source %s; the previous key works until %s", name,
                previousValidUntil);
        return new IssuedKey(name, writeKey, previousValidUntil);
    }

    /** Revokes a source; its current and previous keys stop working at once. */
    public void revoke(String name) {
        if (!repository.revoke(name, Instant.now())) {
            throw notActive(name);
        }
        keyCache.clear();
        LOG.infof("Revoked tracking source %s", name);
    }

    /** Creates the source {@code name}, or replaces its key, with a key taken from configuration. */
    public void ensure(String name, String writeKey) {
        repository.upsert(name, WriteKeys.hash(writeKey), Instant.now());
        keyCache.clear();
        LOG.infof("Tracking source %s accepts the configured write key", name);
    }

    /**
     * Returns the name of the source whose write key is the user name of the HTTP Basic
     * {@code authorization} header.
     *
     * @throws ProblemException 401 when the header or key is missing or belongs to no active source, 503 when the database fails
     */
    public String authenticate(String authorization) {
        return authenticateKey(writeKey(authorization));
    }

    /**
     * Returns the source of the HTTP Basic {@code authorization} header's key when the key cache
     * has it, or null when the key is not cached. It reads only the in-memory cache, so it does not
     * block.
     *
     * @throws ProblemException 401 when the header is missing or malformed
     */
    public String cachedSource(String authorization) {
        return cachedSourceOfKey(writeKey(authorization));
    }

    /** Returns the source of {@code writeKey} as {@link #cachedSource} does, for a key sent in the body. */
    public String cachedSourceOfKey(String writeKey) {
        if (writeKey == null || writeKey.isBlank()) {
            throw TrackingProblems.missingWriteKey();
        }
        return keyCache.find(WriteKeys.hash(writeKey));
    }

    /**
     * Returns the name of the source whose write key is {@code writeKey}, the key a client sent in
     * the body instead of a header. Segment's HTTP API allows both, and analytics-java 3.5.1 sends
     * only the body field. An accepted key is cached for {@code ingestion.tracking.write-key-cache-ttl}.
     *
     * @throws ProblemException as {@link #authenticate}
     */
    public String authenticateKey(String writeKey) {
        if (writeKey == null || writeKey.isBlank()) {
            throw TrackingProblems.missingWriteKey();
        }
        String keyHash = WriteKeys.hash(writeKey);
        String cached = keyCache.find(keyHash);
        if (cached != null) {
            return cached;
        }
        long lookupGeneration = keyCache.generation();
        try {
            ActiveKey key = repository.findActiveKey(keyHash, Instant.now()).orElseThrow(TrackingProblems::invalidWriteKey);
            keyCache.put(keyHash, key, lookupGeneration);
            return key.sourceName();
        } catch (StorageException e) {
            LOG.warnf(e, "Checking a write key failed");
            throw TrackingProblems.storageUnavailable(TrackingService.RETRY_AFTER_SECONDS);
        }
    }

    private static String writeKey(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            throw TrackingProblems.missingWriteKey();
        }
        String credentials;
        try {
            credentials = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw TrackingProblems.invalidWriteKey();
        }
        int colon = credentials.indexOf(':');
        return colon < 0 ? credentials : credentials.substring(0, colon);
    }

    private static void checkName(String name) {
        if (name == null || name.length() > MAX_NAME_LENGTH || !NAME.matcher(name).matches()) {
            throw Problem.of(400, "invalid-source-name", "Invalid source name")
                    .detail("A source name is 1 to " + MAX_NAME_LENGTH + " lower-case letters and digits, in words "
                            + "joined by single hyphens, such as web-shop")
                    .error("name", name, "Use a name such as web-shop or ios-app")
                    .toException();
        }
    }

    private static ProblemException notFound(String name) {
        return Problem.of(404, "source-not-found", "Source not found")
                .detail("No source is named '" + name + "'")
                .error("name", name, "Use a name listed by GET /api/v1/sources")
                .toException();
    }

    private ProblemException notActive(String name) {
        if (repository.find(name).isEmpty()) {
            return notFound(name);
        }
        return Problem.of(409, "source-revoked", "Source revoked")
                .detail("The source '" + name + "' was revoked, so it has no key to rotate or revoke")
                .error("name", name, "Create a source with a new name")
                .toException();
    }
}
