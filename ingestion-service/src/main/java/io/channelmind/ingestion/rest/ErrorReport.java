package io.channelmind.ingestion.rest;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.function.Consumer;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import io.channelmind.ingestion.domain.RowError;
import io.channelmind.web.Problem;

/** The downloadable list of an import's rejected rows, written page by page so memory stays flat. */
enum ErrorReport {

    JSON("application/json", "json"),
    CSV("text/csv", "csv");

    static final int PAGE_SIZE = 1000;

    private static final JsonFactory JSON_FACTORY = new JsonFactory();

    private final String mediaType;
    private final String extension;

    ErrorReport(String mediaType, String extension) {
        this.mediaType = mediaType;
        this.extension = extension;
    }

    /** Reads one page of rows after a row number and returns how many it passed on. */
    interface PageReader {
        int read(long afterRow, Consumer<RowError> consumer);
    }

    String mediaType() {
        return mediaType;
    }

    String extension() {
        return extension;
    }

    /** Picks the format from the query parameter, else from the Accept header; JSON by default. */
    static ErrorReport choose(String format, String accept) {
        if (format != null && !format.isBlank()) {
            return switch (format.strip().toLowerCase(Locale.ROOT)) {
                case "json" -> JSON;
                case "csv" -> CSV;
                default -> throw Problem.of(400, "invalid-format", "Invalid report format")
                        .detail("The query parameter 'format' must be json or csv, not '" + format + "'")
                        .error("format", format, "Use json or csv")
                        .toException();
            };
        }
        return accept != null && accept.contains("text/csv") ? CSV : JSON;
    }

    void write(OutputStream output, PageReader pages) throws IOException {
        if (this == CSV) {
            writeCsv(output, pages);
        } else {
            writeJson(output, pages);
        }
    }

    private static void writeJson(OutputStream output, PageReader pages) throws IOException {
        try (JsonGenerator generator = JSON_FACTORY.createGenerator(output)) {
            generator.writeStartArray();
            forEachRow(pages, error -> {
                try {
                    generator.writeStartObject();
                    generator.writeNumberField("row", error.row());
                    generator.writeStringField("column", error.column());
                    generator.writeStringField("value", error.value());
                    generator.writeStringField("reason", error.reason());
                    generator.writeEndObject();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            generator.writeEndArray();
        }
    }

    private static void writeCsv(OutputStream output, PageReader pages) throws IOException {
        output.write("row,column,value,reason\r\n".getBytes(StandardCharsets.UTF_8));
        forEachRow(pages, error -> {
            String line = error.row() + "," + csvField(error.column()) + "," + csvField(error.value()) + ","
                    + csvField(error.reason()) + "\r\n";
            try {
                output.write(line.getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static void forEachRow(PageReader pages, Consumer<RowError> consumer) {
        long[] lastRow = {0};
        int count;
        do {
            count = pages.read(lastRow[0], error -> {
                lastRow[0] = error.row();
                consumer.accept(error);
            });
        } while (count == PAGE_SIZE);
    }

    /** Quotes a field as RFC 4180 does; a leading =, +, - or @ is prefixed with ' so spreadsheets do not run it. */
    private static String csvField(String value) {
        if (value == null) {
            return "";
        }
        String safe = !value.isEmpty() && "=+-@".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        return "\"" + safe.replace("\"", "\"\"") + "\"";
    }
}
