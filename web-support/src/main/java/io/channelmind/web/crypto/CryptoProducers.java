package io.channelmind.web.crypto;

import java.time.Clock;
import java.util.List;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.quarkus.arc.DefaultBean;

/** Beans of the envelope encryption; a service that injects none of them needs no key. */
@Singleton
public class CryptoProducers {

    /** Fails the startup of a service whose key-encryption key is missing, malformed or short. */
    @Produces
    @DefaultBean
    @Singleton
    KeyEncryptionKey keyEncryptionKey(CryptoConfig config) {
        return new SecretKeyEncryptionKey(config.kek().orElse(null), config.previousKeks().orElse(List.of()));
    }

    @Produces
    @Singleton
    EnvelopeCipher envelopeCipher() {
        return new EnvelopeCipher();
    }

    @Produces
    @Singleton
    TopicSealer topicSealer(KeyEncryptionKey kek, CryptoConfig config) {
        return new TopicSealer(kek, config.topicKeyRotationPeriod(), Clock.systemUTC());
    }

    @Produces
    @Singleton
    TopicOpener topicOpener(KeyEncryptionKey kek) {
        return new TopicOpener(kek);
    }
}
