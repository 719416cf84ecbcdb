package io.channelmind.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One kept-alive HTTP/1.1 connection that sends POST requests and reads each response whole.
 * The load driver shares the two cores with the service, and {@code java.net.http.HttpClient}
 * spends more CPU time per request on its selector thread and futures than this blocking
 * socket does. It supports what the tracking API returns: {@code Content-Length} or chunked
 * bodies, no redirects, no TLS.
 */
final class PlainHttpConnection implements AutoCloseable {

    /** The status code and body of a response. */
    record Response(int status, String body) {
    }

    /** How long the driver waits for a response before the request fails. */
    private static final int READ_TIMEOUT_MILLIS = 30_000;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final byte[] requestHead;

    PlainHttpConnection(URI uri, String authorization) throws IOException {
        this.socket = new Socket(uri.getHost(), uri.getPort());
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(READ_TIMEOUT_MILLIS);
        this.in = new BufferedInputStream(socket.getInputStream(), 8192);
        this.out = socket.getOutputStream();
        this.requestHead = ("POST " + uri.getRawPath() + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                + "\r\nAuthorization: " + authorization + "\r\nContent-Type: application/json\r\nContent-Length: ")
                .getBytes(StandardCharsets.US_ASCII);
    }

    /** Sends {@code body} and returns the response; the connection stays open for the next request. */
    Response post(byte[] body) throws IOException {
        ByteArrayOutputStream request = new ByteArrayOutputStream(requestHead.length + body.length + 16);
        request.write(requestHead);
        request.write((body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        request.write(body);
        request.writeTo(out);
        out.flush();
        return readResponse();
    }

    private Response readResponse() throws IOException {
        String statusLine = readLine();
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
            throw new IOException("Invalid HTTP status line: " + statusLine);
        }
        int status = Integer.parseInt(parts[1]);
        int contentLength = -1;
        boolean chunked = false;
        for (String header = readLine(); !header.isEmpty(); header = readLine()) {
            String lower = header.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                contentLength = Integer.parseInt(header.substring(15).trim());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            }
        }
        byte[] body;
        if (chunked) {
            body = readChunked();
        } else if (contentLength >= 0) {
            body = in.readNBytes(contentLength);
        } else {
            throw new IOException("Response " + status + " has neither Content-Length nor chunked encoding");
        }
        return new Response(status, new String(body, StandardCharsets.UTF_8));
    }

    private byte[] readChunked() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = readLine();
            int semicolon = sizeLine.indexOf(';');
            int size = Integer.parseInt((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
            if (size == 0) {
                while (!readLine().isEmpty()) {
                    // Trailer fields, which the driver does not use.
                }
                return body.toByteArray();
            }
            body.write(in.readNBytes(size));
            readLine();
        }
    }

    /** Reads one CRLF-terminated line as ASCII, without the line end. */
    private String readLine() throws IOException {
        StringBuilder line = new StringBuilder(64);
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("The service closed the connection");
            }
            if (b == '\n') {
                int length = line.length();
                if (length > 0 && line.charAt(length - 1) == '\r') {
                    line.setLength(length - 1);
                }
                return line.toString();
            }
            line.append((char) b);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
