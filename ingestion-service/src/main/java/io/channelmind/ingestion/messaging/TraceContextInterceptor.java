package io.channelmind.ingestion.messaging;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.apache.kafka.clients.producer.ProducerInterceptor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Headers;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapSetter;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Writes the W3C trace context (traceparent, tracestate) of the calling thread's current span
 * into each record's headers, so the consumers' spans join the trace of the HTTP request that
 * produced the event. The plain KafkaProducer of this service is not instrumented otherwise.
 * Kafka calls onSend on the thread that calls send, where the request's span is current.
 */
@RegisterForReflection
public class TraceContextInterceptor implements ProducerInterceptor<String, byte[]> {

    private static final TextMapSetter<Headers> HEADER_SETTER = (headers, key, value) -> {
        headers.remove(key);
        headers.add(key, value.getBytes(StandardCharsets.UTF_8));
    };

    @Override
    public ProducerRecord<String, byte[]> onSend(ProducerRecord<String, byte[]> record) {
        Context context = Context.current();
        if (Span.fromContext(context).getSpanContext().isValid()) {
            W3CTraceContextPropagator.getInstance().inject(context, record.headers(), HEADER_SETTER);
        }
        return record;
    }

    @Override
    public void onAcknowledgement(RecordMetadata metadata, Exception exception) {
        // Nothing to record: the consumers' spans carry the trace on.
    }

    @Override
    public void close() {
    }

    @Override
    public void configure(Map<String, ?> configs) {
    }
}
