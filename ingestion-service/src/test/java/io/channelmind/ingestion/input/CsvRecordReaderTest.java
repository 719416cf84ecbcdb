package io.channelmind.ingestion.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

class CsvRecordReaderTest {

    @Test
    void quotedFieldsKeepDelimitersQuotesAndNewlines() {
        RecordReader reader = csv("a,b,c\r\n\"x,1\",\"say \"\"hi\"\"\",\"line1\r\nline2\"\r\n", ',');

        reader.header();
        SourceRecord record = reader.next();

        assertEquals(List.of("x,1", "say \"hi\"", "line1\r\nline2"), record.values());
        assertEquals(1, record.row());
    }

    @Test
    void byteOrderMarkIsDropped() {
        RecordReader reader = csv("\uFEFFid;name\n1;Ann\n", ';');

        assertEquals(List.of("id", "name"), reader.header());
    }

    @Test
    void headerNamesAreTrimmed() {
        RecordReader reader = csv("\"age\"; \"job\" ;y\n", ';');

        assertEquals(List.of("age", "\"job\"", "y"), reader.header());
    }

    @Test
    void blankLinesAreSkippedAndNotCounted() {
        RecordReader reader = csv("a,b\n\n1,2\r\n\r\n3,4", ',');

        reader.header();
        SourceRecord first = reader.next();
        SourceRecord second = reader.next();

        assertEquals(1, first.row());
        assertEquals(List.of("3", "4"), second.values());
        assertEquals(2, second.row());
        assertNull(reader.next());
    }

    @Test
    void emptyTrailingFieldIsKept() {
        RecordReader reader = csv("a,b,c\n1,,\n", ',');

        reader.header();

        assertEquals(List.of("1", "", ""), reader.next().values());
    }

    @Test
    void wrongFieldCountMarksRowMalformed() {
        RecordReader reader = csv("a,b,c\n1,2\n4,5,6\n", ',');

        reader.header();
        SourceRecord malformed = reader.next();
        SourceRecord next = reader.next();

        assertTrue(malformed.isMalformed());
        assertTrue(malformed.error().contains("2 fields but the header has 3"));
        assertEquals(List.of("4", "5", "6"), next.values());
    }

    @Test
    void textAfterClosingQuoteMarksRowMalformed() {
        RecordReader reader = csv("a,b\n\"x\"y,2\n3,4\n", ',');

        reader.header();
        SourceRecord malformed = reader.next();
        SourceRecord next = reader.next();

        assertTrue(malformed.isMalformed());
        assertEquals(List.of("3", "4"), next.values());
        assertEquals(2, next.row());
    }

    @Test
    void unclosedQuoteAtEndMarksRowMalformed() {
        RecordReader reader = csv("a,b\n1,\"open\n", ',');

        reader.header();
        SourceRecord malformed = reader.next();

        assertTrue(malformed.isMalformed());
        assertTrue(malformed.error().contains("not closed"));
        assertNull(reader.next());
    }

    @Test
    void emptyInputHasNoHeader() {
        assertNull(csv("", ',').header());
    }

    @Test
    void byteOrderMarkAloneIsEmpty() {
        assertNull(csv("\uFEFF", ',').header());
    }

    @Test
    void gb18030IsDecoded() {
        Charset gb18030 = Charset.forName("GB18030");
        byte[] bytes = "name\n王小明\n".getBytes(gb18030);
        RecordReader reader = RecordReaders.open(new ByteArrayInputStream(bytes), InputFormat.CSV, gb18030, ',', '"', false);

        reader.header();

        assertEquals(List.of("王小明"), reader.next().values());
    }

    @Test
    void invalidBytesNameTheirRow() {
        byte[] bytes = {'a', '\n', '1', '\n', (byte) 0xff, '\n'};
        RecordReader reader = RecordReaders.open(new ByteArrayInputStream(bytes), InputFormat.CSV, StandardCharsets.UTF_8,
                ',', '"', false);
        reader.header();
        reader.next();

        UnreadableInputException error = assertThrows(UnreadableInputException.class, reader::next);

        assertEquals(UnreadableInputException.Kind.INVALID_ENCODING, error.kind());
        assertEquals(2, error.row());
    }

    @Test
    void rowsSpanningBufferBoundariesAreRead() {
        StringBuilder text = new StringBuilder("id,text\n");
        String longValue = "x".repeat(70_000);
        text.append("1,\"").append(longValue).append("\"\n2,short\n");
        RecordReader reader = csv(text.toString(), ',');

        reader.header();

        assertEquals(longValue, reader.next().values().get(1));
        assertEquals(List.of("2", "short"), reader.next().values());
    }

    private static RecordReader csv(String text, char delimiter) {
        return RecordReaders.open(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), InputFormat.CSV,
                StandardCharsets.UTF_8, delimiter, '"', false);
    }
}
