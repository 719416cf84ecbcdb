package io.channelmind.ingestion.config;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** Settings of ingestion-service under the {@code ingestion} prefix. */
@ConfigMapping(prefix = "ingestion")
public interface IngestionConfig {

    Mappings mappings();

    @WithName("import")
    Imports imports();

    Producer producer();

    Tracking tracking();

    Cleaning cleaning();

    PersonalData personalData();

    /** Handling of personal data on {@code cm.customer-events}. */
    interface PersonalData {

        /**
         * Traits that name or contact a person, by exact name. They travel encrypted in
         * {@code sealedTraits}, never in {@code traits}. Hashes such as {@code emailSha256} stay in
         * {@code traits}.
         */
        @WithDefault("email,phone,firstName,lastName,middleName,name,fullName,username,address")
        List<String> sealedTraits();
    }

    /** The cleaning rules that are configured per installation rather than per mapping. */
    interface Cleaning {

        Channels channels();

        /** ISO 4217 code that imported amounts are converted to; unset, amounts keep their currency. */
        Optional<String> reportingCurrency();

        /** Units of the reporting currency per unit of each other currency, by ISO 4217 code. */
        Map<String, BigDecimal> rates();

        /**
         * Rates that take effect on a date, by ISO 4217 code and then by ISO date, such as
         * {@code ingestion.cleaning.dated-rates.USD.2024-05-01=7.10}; see {@code CurrencyConverter} for the rule.
         */
        Map<String, Map<String, BigDecimal>> datedRates();
    }

    /** Rules of the channel taxonomy; application.properties lists the defaults. */
    interface Channels {

        /** Channel by lower-case utm_medium; {@code paid} means social_paid for social sources, else search_ads. */
        Map<String, String> mediums();

        /** Channel by click-id parameter, such as gclid. */
        Map<String, String> clickIds();

        /** Second-level names of search engines, such as google or baidu. */
        @WithDefault("google,bing,baidu,yahoo,duckduckgo,yandex,sogou,naver,ecosia")
        List<String> searchDomains();

        /** Second-level names of social networks, such as facebook or weibo. */
        @WithDefault("facebook,instagram,twitter,linkedin,weibo,tiktok,douyin,xiaohongshu,reddit,pinterest,youtube,zhihu,"
                + "bilibili")
        List<String> socialDomains();
    }

    /** Sources of column mappings. */
    interface Mappings {

        /** Names of the mappings shipped in the application, read from {@code mappings/<name>.json} on the class path. */
        @WithDefault("channelmind-demo,bank-marketing,online-retail,customer-list,ad-platform-cost,ad-platform-weekly-cost,email-provider-report,offer-catalogue")
        List<String> builtIn();

        /** A folder of extra {@code *.json} mappings, read at start-up. */
        Optional<Path> directory();
    }

    /** Limits of one import. */
    interface Imports {

        /** Number of row errors kept in the import record and the response. */
        @WithDefault("100")
        int maxReportedErrors();

        /** Messages an import may have sent without an acknowledgement before it waits; bounds memory. */
        @WithDefault("10000")
        int maxInFlightMessages();

        /** How long an import waits for Kafka to acknowledge its last messages. */
        @WithDefault("2m")
        Duration acknowledgementTimeout();

        /** Rejected rows stored per import for the error report; further ones are only counted. */
        @WithDefault("1000000")
        int maxStoredErrors();

        /**
         * Maximum size that a gzip import body may inflate to. Beyond it, reading fails with a
         * message naming this key. The default matches {@code quarkus.http.limits.max-body-size}, so that a
         * compressed file may contain no more than an uncompressed one.
         */
        @WithDefault("16G")
        MemorySize maxInflatedSize();

        /**
         * Maximum ratio of inflated to compressed bytes of a gzip import body, checked once 16 MiB
         * were inflated. Exported CSV typically compresses 3 to 10 times (an estimate), while
         * deflate reaches about 1000 on repeated bytes, as a gzip bomb uses.
         */
        @WithDefault("100")
        int maxInflationRatio();

        /** Imports that run at the same time on one replica; further ones wait as {@code queued}. */
        @WithDefault("2")
        int maxConcurrent();

        /** How often a replica writes the progress of its imports and renews their heartbeat. */
        @WithDefault("2s")
        Duration progressInterval();

        /** How often a replica looks for imports interrupted by a service stop. */
        @WithDefault("30s")
        Duration staleCheckInterval();

        /**
         * Age of the heartbeat after which a queued or running import counts as interrupted by a
         * service stop. Keep it well above {@code progress-interval}.
         */
        @WithDefault("30s")
        Duration staleAfter();

        /**
         * Folder where request bodies are stored until their import ends, because the request
         * ends with the 202 response before the rows are read. Default: a folder in java.io.tmpdir.
         */
        Optional<Path> spoolDirectory();
    }

    /** Kafka producer tuning; acks=all and idempotence are fixed in code. */
    interface Producer {

        /** Time the producer waits to fill a batch. */
        @WithDefault("10ms")
        Duration linger();

        /** Batch size in bytes per partition. */
        @WithDefault("131072")
        int batchSize();

        /** Compression of record batches: none, gzip, snappy, lz4 or zstd. */
        @WithDefault("none")
        String compressionType();

        /** Upper bound on the time from send to acknowledgement, retries included. */
        @WithDefault("60s")
        Duration deliveryTimeout();

        /** How long a send may block while the producer fetches metadata or waits for buffer space. */
        @WithDefault("30s")
        Duration maxBlock();
    }

    /** The Segment-compatible tracking API. */
    interface Tracking {

        /** Maximum size of one call in bytes, as sent or, inside a batch, as compact JSON. */
        @WithDefault("32768")
        int maxEventBytes();

        /** Maximum size of a request body in bytes (after gzip decompression). */
        @WithDefault("512000")
        int maxBatchBytes();

        /** How long a messageId stays known, so a repeat within it is dropped. */
        @WithDefault("7d")
        Duration dedupeWindow();

        /** How often expired messageIds are deleted. */
        @WithDefault("1h")
        Duration dedupePurgeInterval();

        /** How long a replaced write key keeps working after a rotation. */
        @WithDefault("24h")
        Duration rotationGracePeriod();

        /**
         * How long a replica keeps an accepted write key in memory instead of querying the
         * database for it. A key revoked or replaced on another replica keeps working here for
         * at most this long; 0 turns the cache off.
         */
        @WithDefault("5s")
        Duration writeKeyCacheTtl();

        /**
         * Delivery timeout of the tracking producer: how long a tracking request waits for Kafka
         * to acknowledge its events before it responds with 503. Must exceed the producer linger by 1 s.
         */
        @WithDefault("10s")
        Duration acknowledgementTimeout();

        /**
         * Time the tracking producer waits to fill a batch, in place of {@code ingestion.producer.linger}.
         * Every request waits for its acknowledgements, so this time adds to each request's latency.
         * Concurrent requests still share batches, because records accumulate while earlier
         * produce requests are in flight.
         */
        @WithDefault("1ms")
        Duration producerLinger();

        /**
         * Whether a Vert.x route serves the tracking endpoints, reading the body without the REST
         * layer's copy. When false, the REST resource that documents them in OpenAPI serves them.
         */
        @WithDefault("true")
        boolean vertxRoute();

        /**
         * Write key of the source named {@code local}, created or updated at start-up when set,
         * so the local stack can print a key that works at once.
         */
        Optional<String> localWriteKey();
    }
}
