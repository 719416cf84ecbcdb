package io.channelmind.profile.interest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.nio.file.Path;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Encodes interest texts into the shared interest space (see {@link InterestSpace}), with an
 * LRU cache keyed by the SHA-256 of each text, so a product name bought by many customers is
 * embedded once. The cache stores no text, only its hash and distribution. Both models load at
 * start-up from the jars on the class path, and nothing is downloaded.
 */
@ApplicationScoped
@Startup
public class InterestEncoder {

    /** Softmax temperature over the standardised anchor similarities when none is configured. */
    public static final double DEFAULT_TEMPERATURE = 0.5;

    private static final Logger LOG = Logger.getLogger(InterestEncoder.class);

    private final InterestSpace space;
    private final Duration halfLife;
    private final Map<String, double[]> cache;
    private final Counter embedded;
    private final Counter cached;

    public InterestEncoder(MeterRegistry registry,
            @ConfigProperty(name = "channelmind.profile.interest.half-life", defaultValue = "P90D") Duration halfLife,
            @ConfigProperty(name = "channelmind.profile.interest.temperature", defaultValue = "0.5") double temperature,
            @ConfigProperty(name = "channelmind.profile.interest.cache-size", defaultValue = "50000") int cacheSize) {
        if (halfLife.isNegative() || halfLife.isZero()) {
            throw new IllegalArgumentException("channelmind.profile.interest.half-life must be positive, got " + halfLife
                    + "; set an ISO-8601 duration such as P90D");
        }
        long started = System.nanoTime();
        configureDjl();
        this.space = InterestSpace.load(AnchorSet.builtIn(), temperature);
        this.halfLife = halfLife;
        this.cache = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, double[]> eldest) {
                return size() > cacheSize;
            }
        };
        this.embedded = registry.counter("channelmind.profile.interest.texts", "outcome", "embedded");
        this.cached = registry.counter("channelmind.profile.interest.texts", "outcome", "cached");
        LOG.infof("Loaded the interest models %s with %d anchor labels in %d ms", space.modelVersion(),
                space.anchors().anchors().size(), (System.nanoTime() - started) / 1_000_000);
    }

    /**
     * Sets DJL, which loads the tokenizer's native library, to offline mode, so it never downloads
     * a library missing from its jar. Its cache goes under java.io.tmpdir, because the chart runs
     * the service with a read-only root filesystem and a writable /tmp. A DJL_CACHE_DIR variable
     * or property and an ai.djl.offline property that are already set are kept.
     */
    static void configureDjl() {
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        if (System.getenv("DJL_CACHE_DIR") == null && System.getProperty("DJL_CACHE_DIR") == null) {
            System.setProperty("DJL_CACHE_DIR", Path.of(System.getProperty("java.io.tmpdir"), "djl").toString());
        }
    }

    public AnchorSet anchors() {
        return space.anchors();
    }

    public String modelVersion() {
        return space.modelVersion();
    }

    public Duration halfLife() {
        return halfLife;
    }

    /** Returns the space, for the benchmark that compares the service path with the plain model. */
    public InterestSpace space() {
        return space;
    }

    /**
     * Maps each distinct text to its distribution over the anchor labels. Texts missing from
     * the cache are embedded in one call per language. Blocks for the model calls.
     */
    public Map<String, double[]> encode(Collection<String> texts) {
        Set<String> distinct = new LinkedHashSet<>(texts);
        Map<String, double[]> result = new HashMap<>();
        List<String> missing = new ArrayList<>();
        synchronized (cache) {
            for (String text : distinct) {
                double[] distribution = cache.get(hash(text));
                if (distribution == null) {
                    missing.add(text);
                } else {
                    result.put(text, distribution);
                }
            }
        }
        cached.increment(distinct.size() - missing.size());
        if (missing.isEmpty()) {
            return result;
        }
        List<double[]> encoded = space.encode(missing);
        embedded.increment(missing.size());
        synchronized (cache) {
            for (int i = 0; i < missing.size(); i++) {
                cache.put(hash(missing.get(i)), encoded.get(i));
                result.put(missing.get(i), encoded.get(i));
            }
        }
        return result;
    }

    /**
     * Encodes the texts on a worker thread, because the model calls block, and emits the result
     * on the caller's Vert.x context when it has one.
     */
    public Uni<Map<String, double[]>> encodeOffEventLoop(Collection<String> texts) {
        if (texts.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        Context context = Vertx.currentContext();
        Uni<Map<String, double[]>> encoded = Uni.createFrom().item(() -> encode(texts))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
        return context == null ? encoded : encoded.emitOn(task -> context.runOnContext(ignored -> task.run()));
    }

    private static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return new String(digest, StandardCharsets.ISO_8859_1);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
