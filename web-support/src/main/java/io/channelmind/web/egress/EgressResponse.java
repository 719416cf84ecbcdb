package io.channelmind.web.egress;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Status, headers (names in lower case) and body text of a response to an outbound call. */
public record EgressResponse(int statusCode, Map<String, List<String>> headers, String body) {

    /** Returns the first value of the header, matched without case. */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }
}
