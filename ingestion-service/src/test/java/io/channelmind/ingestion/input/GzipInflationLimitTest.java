package io.channelmind.ingestion.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;

/** Gzip bodies that inflate past the size or ratio limit stop the reading early. */
class GzipInflationLimitTest {

    /** Compresses {@code rows} copies of one short CSV row after a header: about 1000 to 1 for many rows. */
    private static byte[] repetitiveCsv(int rows) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            gzip.write("email,amount\n".getBytes(StandardCharsets.US_ASCII));
            byte[] row = "a@example.com,1\n".getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < rows; i++) {
                gzip.write(row);
            }
        }
        return bytes.toByteArray();
    }

    /** Compresses rows of random digits, which gzip shrinks only about twofold. */
    private static byte[] randomCsv(int rows) throws IOException {
        Random random = new Random(7);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            gzip.write("id,amount\n".getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; i < rows; i++) {
                gzip.write((random.nextLong() + "," + random.nextInt() + "\n").getBytes(StandardCharsets.US_ASCII));
            }
        }
        return bytes.toByteArray();
    }

    private static long readAll(byte[] gzip, InflationLimit limit) {
        RecordReader reader = RecordReaders.open(new ByteArrayInputStream(gzip), InputFormat.CSV, StandardCharsets.UTF_8,
                ',', '"', true, limit);
        reader.header();
        long rows = 0;
        while (reader.next() != null) {
            rows++;
        }
        return rows;
    }

    @Test
    void gzipBombStoppedByRatio() throws IOException {
        // 2 million rows inflate to 32 MB from about 32 KB.
        byte[] bomb = repetitiveCsv(2_000_000);

        UnreadableInputException error = assertThrows(UnreadableInputException.class,
                () -> readAll(bomb, InflationLimit.DEFAULT));

        assertEquals(UnreadableInputException.Kind.INFLATION_LIMIT, error.kind());
        assertTrue(error.getMessage().contains("ingestion.import.max-inflation-ratio"), error.getMessage());
        assertTrue(error.row() < 1_100_000, "reading must stop soon after 16 MiB, not at row " + error.row());
    }

    @Test
    void inflatedSizeLimitStopsReading() throws IOException {
        byte[] body = randomCsv(100_000);

        UnreadableInputException error = assertThrows(UnreadableInputException.class,
                () -> readAll(body, new InflationLimit(1024 * 1024, 100)));

        assertEquals(UnreadableInputException.Kind.INFLATION_LIMIT, error.kind());
        assertTrue(error.getMessage().contains("ingestion.import.max-inflated-size"), error.getMessage());
    }

    @Test
    void ordinaryGzipReadsCompletely() throws IOException {
        assertEquals(100_000, readAll(randomCsv(100_000), InflationLimit.DEFAULT));
    }

    @Test
    void smallRepetitiveFilePasses() throws IOException {
        // 100,000 rows inflate to 1.6 MB, below the size from which the ratio counts.
        assertEquals(100_000, readAll(repetitiveCsv(100_000), InflationLimit.DEFAULT));
    }
}
