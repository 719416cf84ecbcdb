package io.channelmind.web.crypto;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the encryption of personal data ({@code channelmind.crypto.*}). */
@ConfigMapping(prefix = "channelmind.crypto")
public interface CryptoConfig {

    /** The key-encryption key: base64 of at least 32 random bytes, from a Kubernetes Secret. */
    Optional<String> kek();

    /** Earlier key-encryption keys, base64, kept while their data keys are re-wrapped at startup. */
    Optional<List<String>> previousKeks();

    /** Age after which the newest data key is replaced by a new one for new writes. */
    @WithDefault("P90D")
    Duration dataKeyRotationPeriod();

    /**
     * Time between creating a data key and encrypting with it. It must be longer than
     * {@link #refreshInterval()}, so that every instance has loaded the key before any writes with it.
     */
    @WithDefault("PT3M")
    Duration dataKeyActivationDelay();

    /** How often each instance reloads the data keys and checks whether a new one is due. */
    @WithDefault("PT1M")
    Duration refreshInterval();

    /**
     * Age after which a producer replaces the data key of the personal traits it writes to Kafka
     * topics ({@link TopicSealer}). The key lives in memory only, so a restart also replaces it.
     */
    @WithDefault("PT1H")
    Duration topicKeyRotationPeriod();

    /** Rows that one transaction of the re-encryption job converts. */
    @WithDefault("500")
    int reencryptionPageSize();
}
