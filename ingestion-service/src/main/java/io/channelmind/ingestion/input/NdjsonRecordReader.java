package io.channelmind.ingestion.input;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * Reader of newline-delimited JSON, one object per line. The keys of the first object are the
 * header, so the first object must contain every mapped key, possibly with a null value. Later
 * objects may leave keys out, which reads as blank, and may add keys, which are ignored. Numbers
 * and booleans are read as their JSON text, and a nested object or array makes the row malformed.
 */
public final class NdjsonRecordReader implements RecordReader {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private final CharSource source;
    private final StringBuilder line = new StringBuilder();
    private List<String> columns;
    private JsonNode firstObject;
    private long row;

    NdjsonRecordReader(CharSource source) {
        this.source = source;
    }

    @Override
    public List<String> header() {
        String text = readLine(1);
        if (text == null) {
            return null;
        }
        JsonNode node = parse(text);
        if (node == null || !node.isObject()) {
            throw new UnreadableInputException(UnreadableInputException.Kind.MALFORMED_HEADER, 0,
                    "The first line is not a JSON object; its keys are the column names", null);
        }
        List<String> names = new ArrayList<>();
        Iterator<String> keys = node.fieldNames();
        keys.forEachRemaining(names::add);
        columns = List.copyOf(names);
        firstObject = node;
        return columns;
    }

    @Override
    public SourceRecord next() {
        if (columns == null) {
            throw new IllegalStateException("header() must be called before next()");
        }
        if (firstObject != null) {
            JsonNode node = firstObject;
            firstObject = null;
            return toRecord(++row, node);
        }
        String text = readLine(row + 1);
        if (text == null) {
            return null;
        }
        row++;
        JsonNode node = parse(text);
        if (node == null || !node.isObject()) {
            return SourceRecord.malformed(row, "The line is not a valid JSON object");
        }
        return toRecord(row, node);
    }

    private SourceRecord toRecord(long rowNumber, JsonNode node) {
        List<String> values = new ArrayList<>(columns.size());
        for (String column : columns) {
            JsonNode value = node.get(column);
            if (value == null || value.isNull()) {
                values.add("");
            } else if (value.isContainerNode()) {
                return SourceRecord.malformed(rowNumber, "The key '" + column
                        + "' holds a JSON object or array; write it as a string, number or boolean");
            } else if (value.isBigDecimal()) {
                values.add(value.decimalValue().toPlainString());
            } else {
                values.add(value.asText());
            }
        }
        return SourceRecord.of(rowNumber, values);
    }

    private static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            return null;
        }
    }

    /** Reads the next line that is not blank, without its line break; null at the end of the input. */
    private String readLine(long rowNumber) {
        while (true) {
            line.setLength(0);
            int c = source.read(rowNumber);
            if (c == CharSource.END) {
                return null;
            }
            while (c != '\n' && c != CharSource.END) {
                if (line.length() >= CsvRecordReader.MAX_FIELD_LENGTH) {
                    throw new UnreadableInputException(UnreadableInputException.Kind.FIELD_TOO_LONG, rowNumber,
                            "A line is longer than " + CsvRecordReader.MAX_FIELD_LENGTH + " characters; write one "
                                    + "JSON object per line and check that the file is NDJSON, not one JSON array",
                            null);
                }
                line.append((char) c);
                c = source.read(rowNumber);
            }
            String text = line.toString().strip();
            if (!text.isEmpty()) {
                return text;
            }
        }
    }

    @Override
    public void close() {
        source.close();
    }
}
