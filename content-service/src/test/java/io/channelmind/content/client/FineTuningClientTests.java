package io.channelmind.content.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;

import io.channelmind.content.client.FineTuningClient.FineTuningException;
import io.channelmind.content.client.FineTuningClient.FineTuningJob;

/** The fine-tuning calls against WireMock on 127.0.0.1, speaking the OpenAI files and jobs protocol. */
class FineTuningClientTests {

    private static final String JSONL = "{\"messages\": [{\"role\": \"user\", \"content\": \"Product: Aurora\"}]}\n";

    private static WireMockServer server;
    private FineTuningClient client;

    @BeforeAll
    static void startServer() {
        server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
    }

    @AfterAll
    static void stopServer() {
        server.stop();
    }

    @BeforeEach
    void resetServer() {
        server.resetAll();
        client = new FineTuningClient("http://127.0.0.1:" + server.port() + "/v1/", "test-key", Duration.ofSeconds(5),
                new ObjectMapper());
    }

    @Test
    void uploadSendsMultipartFile() {
        server.stubFor(post(urlEqualTo("/v1/files")).willReturn(okJson("{\"id\": \"file-abc\", \"object\": \"file\"}")));

        String fileId = client.uploadTrainingFile("copy.jsonl", JSONL);

        assertEquals("file-abc", fileId);
        server.verify(postRequestedFor(urlEqualTo("/v1/files"))
                .withHeader("Authorization", equalTo("Bearer test-key"))
                .withHeader("Content-Type", containing("multipart/form-data"))
                .withRequestBody(containing("name=\"purpose\"\r\n\r\nfine-tune"))
                .withRequestBody(containing("filename=\"copy.jsonl\""))
                .withRequestBody(containing("Product: Aurora")));
    }

    @Test
    void jobIsCreatedForFile() {
        server.stubFor(post(urlEqualTo("/v1/fine_tuning/jobs"))
                .withRequestBody(equalToJson("{\"training_file\": \"file-abc\", \"model\": \"gpt-4o-mini\", \"suffix\": \"acme\"}"))
                .willReturn(okJson("{\"id\": \"ftjob-1\", \"status\": \"validating_files\", \"model\": \"gpt-4o-mini\", "
                        + "\"fine_tuned_model\": null}")));

        FineTuningJob job = client.createJob("file-abc", "gpt-4o-mini", "acme");

        assertEquals("ftjob-1", job.id());
        assertEquals("validating_files", job.status());
        assertNull(job.fineTunedModel());
        assertFalse(job.finished());
    }

    @Test
    void succeededJobNamesTunedModel() {
        server.stubFor(get(urlEqualTo("/v1/fine_tuning/jobs/ftjob-1"))
                .willReturn(okJson("{\"id\": \"ftjob-1\", \"status\": \"succeeded\", \"model\": \"gpt-4o-mini\", "
                        + "\"fine_tuned_model\": \"ft:gpt-4o-mini:acme::abc123\"}")));

        FineTuningJob job = client.job("ftjob-1");

        assertTrue(job.finished());
        assertEquals("ft:gpt-4o-mini:acme::abc123", job.fineTunedModel());
    }

    @Test
    void errorResponseIsReportedAndNotRetried() {
        server.stubFor(post(urlEqualTo("/v1/fine_tuning/jobs")).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\": {\"message\": \"invalid training_file: file-x\"}}")));

        FineTuningException failure = assertThrows(FineTuningException.class, () -> client.createJob("file-x", "gpt-4o-mini", "acme"));

        assertTrue(failure.getMessage().contains("400"), failure.getMessage());
        assertTrue(failure.getMessage().contains("invalid training_file: file-x"), failure.getMessage());
        assertEquals(1, server.findAll(postRequestedFor(urlEqualTo("/v1/fine_tuning/jobs"))).size());
    }
}
