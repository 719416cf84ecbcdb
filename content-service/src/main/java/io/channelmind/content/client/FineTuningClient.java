package io.channelmind.content.client;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Submits and tracks fine-tuning jobs on an OpenAI-compatible endpoint: uploads the JSONL data
 * set ({@code POST /files}, purpose {@code fine-tune}), creates the job
 * ({@code POST /fine_tuning/jobs}) and reads its state ({@code GET /fine_tuning/jobs/{id}}).
 * Uploads and job creation have side effects, so they are never retried; a failure raises
 * {@link FineTuningException} with the endpoint's status and message.

 */
public final class FineTuningClient {

    private final HttpClient http;
    private final ObjectMapper json;
    private final String baseUrl;
    private final String apiKey;
    private final Duration timeout;

    /**
     * @param baseUrl the endpoint including its version path, such as {@code http://127.0.0.1:8089/v1}
     */
    public FineTuningClient(String baseUrl, String apiKey, Duration timeout, ObjectMapper json) {
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
        this.json = json;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.apiKey = apiKey;
        this.timeout = timeout;
    }

    /** Uploads a JSONL data set; returns the file id. */
    public String uploadTrainingFile(String fileName, String jsonl) {
        String boundary = "channelmind-" + UUID.randomUUID();
        String body = "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"purpose\"\r\n\r\nfine-tune\r\n"
                + "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"file\"; filename=\"" + fileName + "\"\r\n"
                + "Content-Type: application/jsonl\r\n\r\n" + jsonl + "\r\n"
                + "--" + boundary + "--\r\n";
        HttpRequest request = request("/files")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        return send(request, "upload the training file").path("id").asText();
    }

    /** Creates a fine-tuning job for an uploaded file; returns the job. A null suffix is left out of the request. */
    public FineTuningJob createJob(String trainingFileId, String baseModel, String suffix) {
        Map<String, String> job = new LinkedHashMap<>();
        job.put("training_file", trainingFileId);
        job.put("model", baseModel);
        if (suffix != null) {
            job.put("suffix", suffix);
        }
        String body;
        try {
            body = json.writeValueAsString(job);
        } catch (IOException e) {
            throw new FineTuningException("Writing the job request failed: " + e.getMessage(), e);
        }
        HttpRequest request = request("/fine_tuning/jobs")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        return FineTuningJob.of(send(request, "create the fine-tuning job"));
    }

    /** Reads the current state of a job. */
    public FineTuningJob job(String jobId) {
        HttpRequest request = request("/fine_tuning/jobs/" + jobId).GET().build();
        return FineTuningJob.of(send(request, "read fine-tuning job " + jobId));
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(timeout)
                .header("Authorization", "Bearer " + apiKey);
    }

    private JsonNode send(HttpRequest request, String action) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                String message = readMessage(response.body());
                throw new FineTuningException("Failed to " + action + ": " + request.uri() + " returned " + response.statusCode()
                        + " (" + message + ")", null);
            }
            return json.readTree(response.body());
        } catch (IOException e) {
            throw new FineTuningException("Failed to " + action + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FineTuningException("Interrupted while trying to " + action, e);
        }
    }

    private String readMessage(String body) {
        try {
            return json.readTree(body).path("error").path("message").asText("no error message");
        } catch (IOException e) {
            return "no error message";
        }
    }

    /**
     * A fine-tuning job as the endpoint reports it.
     *
     * @param status {@code validating_files}, {@code queued}, {@code running}, {@code succeeded}, {@code failed} or {@code cancelled}
     * @param fineTunedModel name of the tuned model once the job succeeded, else null
     */
    public record FineTuningJob(String id, String status, String model, String fineTunedModel) {

        static FineTuningJob of(JsonNode node) {
            JsonNode tuned = node.path("fine_tuned_model");
            return new FineTuningJob(node.path("id").asText(), node.path("status").asText(), node.path("model").asText(),
                    tuned.isTextual() ? tuned.asText() : null);
        }

        public boolean finished() {
            return status.equals("succeeded") || status.equals("failed") || status.equals("cancelled");
        }
    }

    /** A fine-tuning call that failed, with the endpoint's status and message. */
    public static final class FineTuningException extends RuntimeException {

        FineTuningException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
