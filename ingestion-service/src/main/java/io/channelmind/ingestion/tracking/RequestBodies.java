package io.channelmind.ingestion.tracking;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

import io.channelmind.web.Problem;
import io.channelmind.web.ProblemException;

/** Reads a tracking request body up to a size limit, decompressing it when it is declared as gzip. */
public final class RequestBodies {

    /** An oversized body is counted up to this many bytes, so the error names its size without reading forever. */
    private static final long MAX_COUNTED_BYTES = 64L * 1024 * 1024;

    private RequestBodies() {
    }

    /**
     * Returns the body's bytes, after decompression. An uncompressed body is returned as it is,
     * not copied.
     *
     * @throws io.channelmind.web.ProblemException 400 when the body exceeds {@code limit} bytes or is not valid gzip
     */
    static byte[] read(byte[] body, String contentEncoding, int limit, boolean batch) {
        if (isIdentity(contentEncoding)) {
            if (body.length > limit) {
                throw tooLarge(batch, limit, body.length);
            }
            return body;
        }
        return read(new ByteArrayInputStream(body), contentEncoding, limit, batch);
    }

    /**
     * Returns the body's bytes, after decompression.
     *
     * @throws io.channelmind.web.ProblemException 400 when the body exceeds {@code limit} bytes or is not valid gzip
     */
    static byte[] read(InputStream body, String contentEncoding, int limit, boolean batch) {
        try (InputStream input = decode(body, contentEncoding)) {
            byte[] bytes = input.readNBytes(limit + 1);
            if (bytes.length > limit) {
                throw tooLarge(batch, limit, size(bytes.length, input));
            }
            return bytes;
        } catch (IOException e) {
            throw Problem.of(400, "unreadable-body", "Unreadable request body")
                    .detail("Reading the request body failed: " + e.getMessage())
                    .error("body", null, "Send JSON, optionally gzip-compressed with Content-Encoding: gzip")
                    .toException();
        }
    }

    /**
     * Returns the 400 for a body over {@code limit} bytes whose declared {@code Content-Length} is
     * {@code contentLength}, as {@link #read} would report it after reading the body.
     */
    public static ProblemException tooLarge(boolean batch, int limit, long contentLength) {
        return tooLarge(batch, limit, contentLength > MAX_COUNTED_BYTES ? "more than " + MAX_COUNTED_BYTES
                : Long.toString(contentLength));
    }

    private static ProblemException tooLarge(boolean batch, int limit, String size) {
        return batch
                ? TrackingProblems.tooLarge("batch-too-large", "Batch too large", "The batch", "body", limit, size)
                : TrackingProblems.tooLarge("event-too-large", "Call too large", "The call", "body", limit, size);
    }

    private static boolean isIdentity(String contentEncoding) {
        return contentEncoding == null || contentEncoding.isBlank() || contentEncoding.equalsIgnoreCase("identity");
    }

    private static InputStream decode(InputStream body, String contentEncoding) throws IOException {
        if (isIdentity(contentEncoding)) {
            return body;
        }
        if (contentEncoding.trim().toLowerCase(Locale.ROOT).equals("gzip")) {
            return new GZIPInputStream(body);
        }
        throw Problem.of(415, "unsupported-content-encoding", "Unsupported content encoding")
                .detail("The Content-Encoding '" + contentEncoding + "' is not supported")
                .error("Content-Encoding", contentEncoding, "Send the body uncompressed or gzip-compressed")
                .toException();
    }

    private static String size(long read, InputStream rest) throws IOException {
        long size = read;
        long skipped;
        while (size < MAX_COUNTED_BYTES && (skipped = rest.skip(MAX_COUNTED_BYTES - size)) > 0) {
            size += skipped;
        }
        if (size >= MAX_COUNTED_BYTES && rest.read() != -1) {
            return "more than " + MAX_COUNTED_BYTES;
        }
        return Long.toString(size);
    }
}
