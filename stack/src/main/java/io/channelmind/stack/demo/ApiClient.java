package io.channelmind.stack.demo;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A small JSON-over-HTTP client for the services' REST APIs. It sends its bearer token with
 * every request except to ingestion's tracking paths ({@code /v1/*}), which authenticate with a
 * write key instead and reject any other {@code Authorization} header.
 */
public final class ApiClient {

    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1)
            .build();
    private final ObjectMapper json = new ObjectMapper();
    private final String bearerToken;

    /** {@code bearerToken} is a token such as {@code ./channelmind token} prints. */
    public ApiClient(String bearerToken) {
        this.bearerToken = bearerToken;
    }

    /** A non-2xx response, with the problem details document the service returned. */
    public static final class ApiException extends RuntimeException {

        private final int status;
        private final String body;

        ApiException(String request, int status, String body) {
            super(request + " failed with HTTP " + status + ": " + body);
            this.status = status;
            this.body = body;
        }

        public int status() {
            return status;
        }

        public String body() {
            return body;
        }
    }

    public JsonNode get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET(), "GET " + url);
    }

    public JsonNode post(String url, Object body) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
            return send(request, "POST " + url);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot write the request body as JSON", e);
        }
    }

    /**
     * Uploads a file as the request body, streaming it from disk, and adds the bytes sent so
     * far to {@code uploaded} so a caller can show progress.
     */
    public JsonNode upload(String url, Path file, String contentType, AtomicLong uploaded) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", contentType)
                .timeout(Duration.ofHours(2))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> counting(file, uploaded)));
        return send(request, "POST " + url);
    }

    private static InputStream counting(Path file, AtomicLong uploaded) {
        try {
            return new FilterInputStream(Files.newInputStream(file)) {
                @Override
                public int read(byte[] buffer, int offset, int length) throws IOException {
                    int read = super.read(buffer, offset, length);
                    if (read > 0) {
                        uploaded.addAndGet(read);
                    }
                    return read;
                }
            };
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    private JsonNode send(HttpRequest.Builder request, String description) {
        HttpRequest built = request.build();
        if (!built.uri().getPath().startsWith("/v1/")) {
            built = HttpRequest.newBuilder(built, (name, value) -> true)
                    .header("Authorization", "Bearer " + bearerToken)
                    .build();
        }
        try {
            HttpResponse<String> response = http.send(built, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new ApiException(description, response.statusCode(), response.body());
            }
            return response.body().isBlank() ? json.nullNode() : json.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(description + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted during " + description, e);
        }
    }

    public ObjectMapper json() {
        return json;
    }
}
