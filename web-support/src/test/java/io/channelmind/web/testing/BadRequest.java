package io.channelmind.web.testing;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One malformed request of the bad-input suite.
 *
 * @param name what is wrong with the request, shown as the test's name
 * @param method the HTTP method
 * @param target the path with its query string, already percent-encoded
 * @param headers headers to send, such as {@code Authorization}; {@code Content-Type} goes in
 *        {@code contentType}
 * @param contentType the {@code Content-Type} header, or {@code null} to send none
 * @param body the raw body bytes, or {@code null} to send no body
 * @param field the field, parameter or path variable that the problem document must name in
 *        {@code errors[].field}, or {@code null} where the service cannot tell
 */
public record BadRequest(String name, String method, String target, Map<String, String> headers, String contentType,
        byte[] body, String field) {

    public BadRequest {
        headers = Map.copyOf(headers);
    }

    @Override
    public String toString() {
        String size = body == null ? "no body" : body.length + " bytes";
        String start = body == null ? "" : new String(body, 0, Math.min(body.length, 60), StandardCharsets.UTF_8);
        return method + " " + shorten(target) + " (" + name + ", " + size + (start.isEmpty() ? "" : ": " + start) + ")";
    }

    private static String shorten(String text) {
        return text.length() <= 120 ? text : text.substring(0, 120) + "...";
    }
}
