package io.channelmind.ingestion.input;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.util.zip.ZipException;

/**
 * Decodes a byte stream into characters, dropping a leading byte order mark (U+FEFF, which
 * UTF-8 files saved by Excel start with). Invalid bytes are reported only after every character
 * before them was read, so the error names the data row that contains them. I/O failures become
 * {@link UnreadableInputException}s.
 */
final class CharSource {

    static final int END = -1;

    private static final int BUFFER_SIZE = 64 * 1024;
    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private final InputStream input;
    private final CharsetDecoder decoder;
    private final String charsetName;
    private final ByteBuffer bytes = ByteBuffer.allocate(BUFFER_SIZE).flip();
    private final CharBuffer chars = CharBuffer.allocate(BUFFER_SIZE).flip();
    private boolean endOfInput;
    private boolean finished;
    private boolean byteOrderMarkChecked;

    CharSource(InputStream input, Charset charset) {
        this.input = input;
        this.charsetName = charset.name();
        this.decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    /** Returns the next character, or {@link #END}; {@code row} names the data row being read in errors. */
    int read(long row) {
        if (!chars.hasRemaining() && !fill(row)) {
            return END;
        }
        return chars.get();
    }

    /** Returns the next character without consuming it, or {@link #END}. */
    int peek(long row) {
        if (!chars.hasRemaining() && !fill(row)) {
            return END;
        }
        return chars.get(chars.position());
    }

    void close() {
        try {
            input.close();
        } catch (IOException e) {
            // Closing only releases the request body stream, so a failure here loses no data.
        }
    }

    private boolean fill(long row) {
        if (finished) {
            return false;
        }
        chars.clear();
        try {
            while (chars.position() == 0 && !finished) {
                decodeOnce(row);
                dropByteOrderMark();
            }
        } catch (InflationLimitException e) {
            throw new UnreadableInputException(UnreadableInputException.Kind.INFLATION_LIMIT, row, e.getMessage(), e);
        } catch (EOFException e) {
            throw new UnreadableInputException(UnreadableInputException.Kind.BROKEN_STREAM, row,
                    "The gzip data ends early, so the file is truncated (" + e.getMessage() + "); upload the complete "
                            + "file", e);
        } catch (ZipException e) {
            throw new UnreadableInputException(UnreadableInputException.Kind.BROKEN_STREAM, row,
                    "The gzip data is corrupt (" + e.getMessage() + "); compress the file again", e);
        } catch (IOException e) {
            throw new UnreadableInputException(UnreadableInputException.Kind.BROKEN_STREAM, row,
                    "Reading the request body failed: " + e.getMessage(), e);
        }
        chars.flip();
        return chars.hasRemaining();
    }

    private void decodeOnce(long row) throws IOException {
        CoderResult result = decoder.decode(bytes, chars, endOfInput);
        if (result.isError()) {
            if (chars.position() == 0) {
                throw new UnreadableInputException(UnreadableInputException.Kind.INVALID_ENCODING, row,
                        "The bytes are not valid " + charsetName + "; declare the file's charset in the mapping "
                                + "or with the charset query parameter (for example charset=GB18030)", null);
            }
            // Hands out the characters before the invalid bytes. The next call reports them.
            return;
        }
        if (result.isOverflow()) {
            return;
        }
        if (endOfInput) {
            decoder.flush(chars);
            finished = true;
        } else if (chars.position() == 0) {
            readMoreBytes();
        }
    }

    private void readMoreBytes() throws IOException {
        bytes.compact();
        int count = input.read(bytes.array(), bytes.arrayOffset() + bytes.position(), bytes.remaining());
        if (count < 0) {
            endOfInput = true;
        } else {
            bytes.position(bytes.position() + count);
        }
        bytes.flip();
    }

    private void dropByteOrderMark() {
        if (byteOrderMarkChecked || chars.position() == 0) {
            return;
        }
        byteOrderMarkChecked = true;
        if (chars.get(0) == BYTE_ORDER_MARK) {
            chars.flip();
            chars.get();
            chars.compact();
        }
    }
}
