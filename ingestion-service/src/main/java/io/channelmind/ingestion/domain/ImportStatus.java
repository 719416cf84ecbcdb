package io.channelmind.ingestion.domain;

import java.util.Locale;

/** Life cycle of an import job: {@code running} until the last acknowledgement, then completed or failed. */
public enum ImportStatus {

    RUNNING,
    COMPLETED,
    FAILED;

    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
