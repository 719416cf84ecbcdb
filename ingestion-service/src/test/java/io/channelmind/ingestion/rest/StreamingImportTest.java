package io.channelmind.ingestion.rest;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.channelmind.ingestion.support.TopicReader;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Uploads a body that is still being written while the service imports it: the upload pauses
 * half-way until the first rows are on Kafka, which only happens when the service streams.
 * The client is the JDK's HttpClient with chunked transfer and {@code Expect: 100-continue}, as
 * curl sends for large files.
 */
@QuarkusTest
class StreamingImportTest {

    private static final String HEADER = "customer_id,first_name,email,phone,locale,time_zone,consent_email,consent_sms,"
            + "event,channel,campaign,occurred_at,value,currency\n";
    private static final String SPEND_ROW = ",,,,,,,,spend,search,streaming-test,2024-05-01T00:00:00Z,1.00,CNY\n";
    private static final int ROWS = 20_000;

    @TestHTTPResource("/api/v1/imports?mapping=channelmind-demo")
    URI importUri;

    @Test
    void rowsArePublishedDuringUpload() throws Exception {
        long spendBefore = spendMessages();
        InputStream body = new PausingBody(ROWS, ROWS / 2,
                () -> await().atMost(Duration.ofSeconds(60)).until(() -> spendMessages() > spendBefore));
        HttpRequest request = HttpRequest.newBuilder(importUri)
                .header("Content-Type", "text/csv")
                .expectContinue(true)
                .timeout(Duration.ofMinutes(2))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> body))
                .build();

        HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(request, HttpResponse.BodyHandlers.ofString());

        assertEquals(200, response.statusCode(), response.body());
        JsonNode result = new ObjectMapper().readTree(response.body());
        assertEquals(ROWS, result.get("rowsAccepted").asInt());
        assertEquals(ROWS, result.get("spendEvents").asInt());
        assertTrue(spendMessages() >= spendBefore + ROWS);
    }

    private static long spendMessages() {
        return TopicReader.endOffsets("cm.spend").values().stream().mapToLong(Long::longValue).sum();
    }

    /** A CSV body generated row by row that runs {@code pause} once after {@code pauseAfter} rows. */
    private static final class PausingBody extends InputStream {

        private final int rows;
        private final int pauseAfter;
        private final Runnable pause;
        private byte[] current = HEADER.getBytes(StandardCharsets.UTF_8);
        private int position;
        private int rowsWritten;

        PausingBody(int rows, int pauseAfter, Runnable pause) {
            this.rows = rows;
            this.pauseAfter = pauseAfter;
            this.pause = pause;
        }

        @Override
        public int read() throws IOException {
            byte[] singleByte = new byte[1];
            return read(singleByte, 0, 1) < 0 ? -1 : singleByte[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (position == current.length) {
                if (rowsWritten == rows) {
                    return -1;
                }
                if (rowsWritten == pauseAfter) {
                    pause.run();
                }
                current = SPEND_ROW.getBytes(StandardCharsets.UTF_8);
                position = 0;
                rowsWritten++;
            }
            int count = Math.min(length, current.length - position);
            System.arraycopy(current, position, buffer, offset, count);
            position += count;
            return count;
        }
    }
}
