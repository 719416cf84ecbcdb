package io.channelmind.ingestion.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

class NdjsonRecordReaderTest {

    @Test
    void firstObjectKeysAreTheHeader() {
        RecordReader reader = ndjson("{\"id\": \"a\", \"n\": 1.50, \"ok\": true}\n{\"n\": 2, \"extra\": 1}\n");

        List<String> header = reader.header();
        SourceRecord first = reader.next();
        SourceRecord second = reader.next();

        assertEquals(List.of("id", "n", "ok"), header);
        assertEquals(List.of("a", "1.50", "true"), first.values());
        assertEquals(List.of("", "2", ""), second.values());
        assertNull(reader.next());
    }

    @Test
    void invalidLineIsMalformedAndReadingGoesOn() {
        RecordReader reader = ndjson("{\"id\": \"a\"}\r\n{broken\r\n\r\n{\"id\": \"c\"}\r\n");
        reader.header();
        reader.next();

        SourceRecord broken = reader.next();
        SourceRecord next = reader.next();

        assertTrue(broken.isMalformed());
        assertEquals(2, broken.row());
        assertEquals(List.of("c"), next.values());
        assertEquals(3, next.row());
    }

    @Test
    void nestedValueIsMalformed() {
        RecordReader reader = ndjson("{\"id\": \"a\"}\n{\"id\": {\"x\": 1}}\n");
        reader.header();
        reader.next();

        SourceRecord nested = reader.next();

        assertTrue(nested.isMalformed());
        assertTrue(nested.error().contains("'id'"));
    }

    @Test
    void firstLineMustBeObject() {
        RecordReader reader = ndjson("[1, 2]\n");

        UnreadableInputException error = assertThrows(UnreadableInputException.class, reader::header);

        assertEquals(UnreadableInputException.Kind.MALFORMED_HEADER, error.kind());
    }

    private static RecordReader ndjson(String text) {
        return RecordReaders.open(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), InputFormat.NDJSON,
                StandardCharsets.UTF_8, ',', '"', false);
    }
}
