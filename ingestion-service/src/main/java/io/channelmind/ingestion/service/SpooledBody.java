package io.channelmind.ingestion.service;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A request body copied to a file, with its size and SHA-256. The copy lets the request end with
 * 202 before the rows are read, and the digest distinguishes a re-submitted file from another one.
 */
record SpooledBody(Path file, long size, String sha256) {

    private static final int BUFFER_SIZE = 64 * 1024;

    /** Copies the body into a new file in {@code directory}, streaming, so memory stays flat. */
    static SpooledBody copy(InputStream body, Path directory) throws IOException {
        Files.createDirectories(directory);
        Path file = Files.createTempFile(directory, "import-", ".body");
        try (DigestInputStream input = new DigestInputStream(body, sha256Digest());
                OutputStream output = Files.newOutputStream(file)) {
            long size = input.transferTo(output);
            return new SpooledBody(file, size, HexFormat.of().formatHex(input.getMessageDigest().digest()));
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
    }

    /** Opens the file for reading; {@code position} follows the bytes read, for progress. */
    InputStream open(AtomicLong position) throws IOException {
        return new FilterInputStream(Files.newInputStream(file)) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    position.incrementAndGet();
                }
                return b;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int count = super.read(buffer, offset, Math.min(length, BUFFER_SIZE));
                if (count > 0) {
                    position.addAndGet(count);
                }
                return count;
            }
        };
    }

    void delete() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Deleting the import body " + file + " failed", e);
        }
    }

    private static MessageDigest sha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime provides SHA-256", e);
        }
    }
}
