package io.channelmind.ingestion.messaging;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The messages of one import. At most {@code maxInFlight} messages wait for an acknowledgement
 * at a time, because {@link #send} blocks beyond that, which keeps memory bounded however large
 * the file. One import thread calls {@code send}, and the producer's I/O thread completes them.
 */
public final class PublishSession {

    private final KafkaProducer<String, byte[]> producer;
    private final ObjectMapper objectMapper;
    private final PersonalTraits personalTraits;
    private final int maxInFlight;
    private final Semaphore inFlight;
    private final AtomicReference<Exception> failure = new AtomicReference<>();

    PublishSession(KafkaProducer<String, byte[]> producer, ObjectMapper objectMapper, PersonalTraits personalTraits,
            int maxInFlight) {
        this.producer = producer;
        this.objectMapper = objectMapper;
        this.personalTraits = personalTraits;
        this.maxInFlight = maxInFlight;
        this.inFlight = new Semaphore(maxInFlight);
    }

    /**
     * Hands one message to the producer, with the personal traits of a customer event encrypted.
     * Messages with the same key keep their order.
     *
     * @throws PublishFailedException when an earlier message of this session failed or this one cannot be sent
     */
    public void send(OutboundMessage message) {
        throwIfFailed();
        Object event = message.payload() instanceof CustomerEvent customerEvent
                ? personalTraits.seal(customerEvent) : message.payload();
        byte[] payload = serialise(event);
        acquire();
        Completion completion = new Completion();
        try {
            producer.send(new ProducerRecord<>(message.topic(), message.key(), payload),
                    (metadata, exception) -> completion.complete(exception));
        } catch (RuntimeException e) {
            completion.complete(e);
            throw new PublishFailedException("Sending to " + message.topic() + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * Waits until Kafka has acknowledged every message sent in this session.
     *
     * @throws PublishFailedException when a message failed or the acknowledgements did not arrive in time
     */
    public void awaitAcknowledgements(Duration timeout) {
        producer.flush();
        try {
            if (!inFlight.tryAcquire(maxInFlight, timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new PublishFailedException("Kafka did not acknowledge every message within " + timeout, null);
            }
            inFlight.release(maxInFlight);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishFailedException("Interrupted while waiting for Kafka acknowledgements", e);
        }
        throwIfFailed();
    }

    private void throwIfFailed() {
        Exception cause = failure.get();
        if (cause != null) {
            throw new PublishFailedException("Kafka rejected a message: " + cause.getMessage(), cause);
        }
    }

    private byte[] serialise(Object payload) {
        try {
            return objectMapper.writeValueAsBytes(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Serialising a " + payload.getClass().getSimpleName() + " failed", e);
        }
    }

    private void acquire() {
        try {
            inFlight.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishFailedException("Interrupted while waiting for Kafka acknowledgements", e);
        }
    }

    /** Releases the in-flight permit of one message exactly once, recording the first failure. */
    private final class Completion {

        private final AtomicBoolean done = new AtomicBoolean();

        void complete(Exception exception) {
            if (!done.compareAndSet(false, true)) {
                return;
            }
            if (exception != null) {
                failure.compareAndSet(null, exception);
            }
            inFlight.release();
        }
    }
}
