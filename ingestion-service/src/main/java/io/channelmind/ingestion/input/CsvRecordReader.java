package io.channelmind.ingestion.input;

import java.util.ArrayList;
import java.util.List;

/**
 * Streaming CSV reader for RFC 4180 with a configurable delimiter and quote. Quoted fields may
 * contain delimiters, doubled quotes and line breaks. Records end with CRLF, LF or CR, and blank
 * lines are skipped and not counted. A quote inside an unquoted field is an ordinary character.
 */
public final class CsvRecordReader implements RecordReader {

    /** Maximum field length in characters. A longer field is almost always an unclosed quote that swallowed the file. */
    static final int MAX_FIELD_LENGTH = 1024 * 1024;
    /** Limit of one row, fields and delimiters together, so that a huge line cannot exhaust memory. */
    static final int MAX_RECORD_LENGTH = 4 * 1024 * 1024;

    private final CharSource source;
    private final char delimiter;
    private final char quote;
    private final StringBuilder field = new StringBuilder();
    private int columnCount = -1;
    private long row;
    private String recordError;

    CsvRecordReader(CharSource source, char delimiter, char quote) {
        this.source = source;
        this.delimiter = delimiter;
        this.quote = quote;
    }

    @Override
    public List<String> header() {
        List<String> names = readRecord(0);
        if (names == null) {
            return null;
        }
        if (recordError != null) {
            throw new UnreadableInputException(UnreadableInputException.Kind.MALFORMED_HEADER, 0,
                    "The header row is malformed: " + recordError, null);
        }
        columnCount = names.size();
        return names.stream().map(String::strip).toList();
    }

    @Override
    public SourceRecord next() {
        if (columnCount < 0) {
            throw new IllegalStateException("header() must be called before next()");
        }
        long current = row + 1;
        List<String> values = readRecord(current);
        if (values == null) {
            return null;
        }
        row = current;
        if (recordError != null) {
            return SourceRecord.malformed(row, recordError);
        }
        if (values.size() != columnCount) {
            return SourceRecord.malformed(row, "The row has " + values.size() + " fields but the header has "
                    + columnCount + "; check the delimiter and quote any value that contains it");
        }
        return SourceRecord.of(row, values);
    }

    @Override
    public void close() {
        source.close();
    }

    /** Reads one record, skipping blank lines; returns null at the end of the input. */
    private List<String> readRecord(long rowNumber) {
        recordError = null;
        int c = source.read(rowNumber);
        while (c == '\r' || c == '\n') {
            c = source.read(rowNumber);
        }
        if (c == CharSource.END) {
            return null;
        }
        List<String> values = new ArrayList<>(Math.max(columnCount, 8));
        long recordLength = 0;
        while (true) {
            c = c == quote ? readQuoted(rowNumber) : readUnquoted(c, rowNumber);
            values.add(field.toString());
            recordLength += field.length() + 1;
            if (recordLength > MAX_RECORD_LENGTH) {
                throw new UnreadableInputException(UnreadableInputException.Kind.FIELD_TOO_LONG, rowNumber,
                        "The row is longer than the limit of " + MAX_RECORD_LENGTH + " characters; check for a line "
                                + "break missing between rows or a quote that is never closed", null);
            }
            if (recordError != null) {
                skipRestOfLine(c, rowNumber);
                return values;
            }
            if (c == delimiter) {
                c = source.read(rowNumber);
                continue;
            }
            endLine(c, rowNumber);
            return values;
        }
    }

    /** Reads an unquoted field that starts with {@code first}; returns the character after it. */
    private int readUnquoted(int first, long rowNumber) {
        field.setLength(0);
        int c = first;
        while (c != delimiter && c != '\r' && c != '\n' && c != CharSource.END) {
            append((char) c, rowNumber);
            c = source.read(rowNumber);
        }
        return c;
    }

    /** Reads a quoted field whose opening quote was consumed; returns the character after the closing quote. */
    private int readQuoted(long rowNumber) {
        field.setLength(0);
        while (true) {
            int c = source.read(rowNumber);
            if (c == CharSource.END) {
                recordError = "A quoted field is not closed before the end of the file; add the closing quote";
                return c;
            }
            if (c == quote) {
                int after = source.read(rowNumber);
                if (after != quote) {
                    if (after != delimiter && after != '\r' && after != '\n' && after != CharSource.END) {
                        recordError = "A quoted field has text after its closing quote; write a quote inside a "
                                + "quoted field as two quotes";
                    }
                    return after;
                }
            }
            append((char) c, rowNumber);
        }
    }

    private void append(char c, long rowNumber) {
        if (field.length() >= MAX_FIELD_LENGTH) {
            throw new UnreadableInputException(UnreadableInputException.Kind.FIELD_TOO_LONG, rowNumber,
                    "A field is longer than " + MAX_FIELD_LENGTH + " characters; check for a quote that is never closed",
                    null);
        }
        field.append(c);
    }

    private void skipRestOfLine(int current, long rowNumber) {
        int c = current;
        while (c != '\r' && c != '\n' && c != CharSource.END) {
            c = source.read(rowNumber);
        }
        endLine(c, rowNumber);
    }

    private void endLine(int c, long rowNumber) {
        if (c == '\r' && source.peek(rowNumber) == '\n') {
            source.read(rowNumber);
        }
    }
}
