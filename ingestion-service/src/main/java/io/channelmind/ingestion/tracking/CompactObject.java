package io.channelmind.ingestion.tracking;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;

/**
 * A JSON object of a tracking call, such as its {@code properties}, held as compact UTF-8 JSON
 * in the buffer of its request ({@link JsonCopy}), so an outgoing event includes it without
 * building and serialising a tree. The bytes are valid only while the request is handled.
 */
final class CompactObject {

    /** The object of a call that sent none: {@code {}}. */
    static final CompactObject EMPTY = new CompactObject(null, 0, 0);

    private final JsonCopy buffer;
    private final int offset;
    private final int length;

    CompactObject(JsonCopy buffer, int offset, int length) {
        this.buffer = buffer;
        this.offset = offset;
        this.length = length;
    }

    /** Returns true for {@code {}}, the only compact object of at most two bytes. */
    boolean isEmpty() {
        return length <= 2;
    }

    /** Writes the object as the next value of {@code json}. */
    void writeTo(JsonGenerator json) throws IOException {
        if (buffer == null) {
            json.writeStartObject();
            json.writeEndObject();
        } else {
            json.writeRawValue(new RawBytes(buffer.array(), offset, length));
        }
    }

    byte[] array() {
        return buffer == null ? "{}".getBytes(StandardCharsets.UTF_8) : buffer.array();
    }

    int offset() {
        return buffer == null ? 0 : offset;
    }

    int length() {
        return buffer == null ? 2 : length;
    }

    @Override
    public String toString() {
        return new String(array(), offset(), length(), StandardCharsets.UTF_8);
    }

    /**
     * UTF-8 bytes that a generator writes as they are. Jackson's UTF-8 generator copies them with
     * {@link #appendUnquotedUTF8} or {@link #asUnquotedUTF8}; the other methods serve other outputs.
     */
    private record RawBytes(byte[] array, int offset, int length) implements SerializableString {

        @Override
        public String getValue() {
            return new String(array, offset, length, StandardCharsets.UTF_8);
        }

        @Override
        public int charLength() {
            return getValue().length();
        }

        @Override
        public char[] asQuotedChars() {
            throw new UnsupportedOperationException("Raw JSON is written unquoted");
        }

        @Override
        public byte[] asUnquotedUTF8() {
            return Arrays.copyOfRange(array, offset, offset + length);
        }

        @Override
        public byte[] asQuotedUTF8() {
            throw new UnsupportedOperationException("Raw JSON is written unquoted");
        }

        @Override
        public int appendQuotedUTF8(byte[] buffer, int offset) {
            throw new UnsupportedOperationException("Raw JSON is written unquoted");
        }

        @Override
        public int appendQuoted(char[] buffer, int offset) {
            throw new UnsupportedOperationException("Raw JSON is written unquoted");
        }

        @Override
        public int appendUnquotedUTF8(byte[] buffer, int offset) {
            if (offset + length > buffer.length) {
                return -1;
            }
            System.arraycopy(array, this.offset, buffer, offset, length);
            return length;
        }

        @Override
        public int appendUnquoted(char[] buffer, int offset) {
            String value = getValue();
            if (offset + value.length() > buffer.length) {
                return -1;
            }
            value.getChars(0, value.length(), buffer, offset);
            return value.length();
        }

        @Override
        public int writeQuotedUTF8(OutputStream out) {
            throw new UnsupportedOperationException("Raw JSON is written unquoted");
        }

        @Override
        public int writeUnquotedUTF8(OutputStream out) throws IOException {
            out.write(array, offset, length);
            return length;
        }

        @Override
        public int putQuotedUTF8(ByteBuffer buffer) {
            throw new UnsupportedOperationException("Raw JSON is written unquoted");
        }

        @Override
        public int putUnquotedUTF8(ByteBuffer buffer) {
            if (length > buffer.remaining()) {
                return -1;
            }
            buffer.put(array, offset, length);
            return length;
        }
    }
}
