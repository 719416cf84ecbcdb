package io.channelmind.ingestion.input;

import java.io.IOException;

/** A gzip body inflated past an {@link InflationLimit}; the message names the limit and its configuration key. */
final class InflationLimitException extends IOException {

    InflationLimitException(String message) {
        super(message);
    }
}
