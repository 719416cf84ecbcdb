package io.channelmind.ingestion.input;

import java.io.Closeable;
import java.util.List;

/** Reads a file one record at a time, so that a file of any size needs only one row in memory. */
public interface RecordReader extends Closeable {

    /**
     * Reads the column names. Call once, before {@link #next()}.
     *
     * @return the trimmed column names, or null when the input contains no record at all
     * @throws UnreadableInputException when the header cannot be read
     */
    List<String> header();

    /**
     * Reads the next data row.
     *
     * @return the row, possibly marked malformed, or null at the end of the input
     * @throws UnreadableInputException when reading cannot go on, such as on invalid bytes for the charset
     */
    SourceRecord next();

    @Override
    void close();
}
