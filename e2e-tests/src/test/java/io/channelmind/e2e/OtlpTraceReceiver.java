package io.channelmind.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * In-memory OTLP/HTTP trace receiver on 127.0.0.1: accepts a POST (normally to /v1/traces) with a
 * protobuf ExportTraceServiceRequest and keeps the service name, trace id, name and kind of every
 * span. It reads only the few fields it needs straight from the protobuf wire format, with field
 * numbers from opentelemetry-proto (opentelemetry/proto/trace/v1/trace.proto and
 * collector/trace/v1/trace_service.proto).
 */
final class OtlpTraceReceiver implements AutoCloseable {

    /** Span kind CONSUMER in opentelemetry-proto's Span.SpanKind. */
    static final int KIND_CONSUMER = 5;

    /** One received span, with its kind as the Span.SpanKind number. */
    record ReceivedSpan(String service, String traceId, String name, int kind) {
    }

    private final HttpServer server;
    private final List<ReceivedSpan> spans = new CopyOnWriteArrayList<>();
    private final List<String> errors = new CopyOnWriteArrayList<>();
    private final java.util.concurrent.atomic.AtomicInteger requests = new java.util.concurrent.atomic.AtomicInteger();

    OtlpTraceReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        // Any path, because exporters differ in whether they append /v1/traces to the endpoint.
        server.createContext("/", this::handle);
        server.start();
    }

    /** Returns the base URL to set as the services' OTLP endpoint. */
    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Returns the number of export requests received, whatever they contained. */
    int requestCount() {
        return requests.get();
    }

    /** Returns the errors of requests that could not be parsed. */
    List<String> errors() {
        return List.copyOf(errors);
    }

    List<ReceivedSpan> spans() {
        return List.copyOf(spans);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
                try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(body))) {
                    body = in.readAllBytes();
                }
            }
            try {
                readRequest(new Wire(body, 0, body.length));
            } catch (RuntimeException e) {
                errors.add(e.toString());
                exchange.sendResponseHeaders(400, -1);
                return;
            }
            // An empty ExportTraceServiceResponse means every span was accepted.
            exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, -1);
        }
    }

    // ExportTraceServiceRequest: 1 = repeated ResourceSpans.
    private void readRequest(Wire request) {
        while (request.hasMore()) {
            int field = request.readTag();
            if (field == 1) {
                readResourceSpans(request.readMessage());
            } else {
                request.skip();
            }
        }
    }

    // ResourceSpans: 1 = Resource, 2 = repeated ScopeSpans. The resource may follow the spans.
    private void readResourceSpans(Wire resourceSpans) {
        String service = "";
        List<Wire> scopes = new java.util.ArrayList<>();
        while (resourceSpans.hasMore()) {
            int field = resourceSpans.readTag();
            if (field == 1) {
                service = serviceName(resourceSpans.readMessage());
            } else if (field == 2) {
                scopes.add(resourceSpans.readMessage());
            } else {
                resourceSpans.skip();
            }
        }
        for (Wire scope : scopes) {
            // ScopeSpans: 2 = repeated Span.
            while (scope.hasMore()) {
                if (scope.readTag() == 2) {
                    readSpan(service, scope.readMessage());
                } else {
                    scope.skip();
                }
            }
        }
    }

    // Span: 1 = trace_id (16 bytes), 5 = name, 6 = kind (varint).
    private void readSpan(String service, Wire span) {
        String traceId = "";
        String name = "";
        int kind = 0;
        while (span.hasMore()) {
            int field = span.readTag();
            if (field == 1) {
                traceId = HexFormat.of().formatHex(span.readBytes());
            } else if (field == 5) {
                name = new String(span.readBytes(), StandardCharsets.UTF_8);
            } else if (field == 6) {
                kind = span.readInt();
            } else {
                span.skip();
            }
        }
        spans.add(new ReceivedSpan(service, traceId, name, kind));
    }

    // Resource: 1 = repeated KeyValue (1 = key, 2 = AnyValue with 1 = string_value).
    private static String serviceName(Wire resource) {
        String service = "";
        while (resource.hasMore()) {
            if (resource.readTag() != 1) {
                resource.skip();
                continue;
            }
            Wire attribute = resource.readMessage();
            String key = "";
            String value = "";
            while (attribute.hasMore()) {
                int field = attribute.readTag();
                if (field == 1) {
                    key = new String(attribute.readBytes(), StandardCharsets.UTF_8);
                } else if (field == 2) {
                    Wire anyValue = attribute.readMessage();
                    while (anyValue.hasMore()) {
                        if (anyValue.readTag() == 1) {
                            value = new String(anyValue.readBytes(), StandardCharsets.UTF_8);
                        } else {
                            anyValue.skip();
                        }
                    }
                } else {
                    attribute.skip();
                }
            }
            if (key.equals("service.name")) {
                service = value;
            }
        }
        return service;
    }

    /** Reader of protobuf wire format over a slice of a byte array. */
    private static final class Wire {
        private final byte[] buffer;
        private final int end;
        private int position;
        private int wireType;

        Wire(byte[] buffer, int start, int end) {
            this.buffer = buffer;
            this.position = start;
            this.end = end;
        }

        boolean hasMore() {
            return position < end;
        }

        /** Reads a field key and returns its field number. The wire type is kept for reading the value. */
        int readTag() {
            long key = readVarint();
            wireType = (int) (key & 7);
            return (int) (key >>> 3);
        }

        Wire readMessage() {
            int length = (int) readVarint();
            Wire message = new Wire(buffer, position, position + length);
            position += length;
            return message;
        }

        byte[] readBytes() {
            int length = (int) readVarint();
            byte[] bytes = java.util.Arrays.copyOfRange(buffer, position, position + length);
            position += length;
            return bytes;
        }

        int readInt() {
            return (int) readVarint();
        }

        void skip() {
            switch (wireType) {
                case 0 -> readVarint();
                case 1 -> position += 8;
                case 2 -> {
                    // Read the length first: in "position += readVarint()" Java saves position before
                    // readVarint() moves it past the length prefix, so the skip would land short.
                    int length = (int) readVarint();
                    position += length;
                }
                case 5 -> position += 4;
                default -> throw new IllegalStateException("unsupported protobuf wire type " + wireType);
            }
        }

        private long readVarint() {
            long value = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                byte b = buffer[position++];
                value |= (long) (b & 0x7f) << shift;
                if ((b & 0x80) == 0) {
                    return value;
                }
            }
            throw new IllegalStateException("malformed varint at " + position);
        }
    }
}
