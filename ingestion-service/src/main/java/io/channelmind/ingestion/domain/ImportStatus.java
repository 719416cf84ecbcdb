package io.channelmind.ingestion.domain;

import java.util.Locale;

/**
 * Life cycle of an import job: {@code queued} until a worker takes it, {@code running} until the
 * last acknowledgement, then {@code completed}, {@code failed} or {@code cancelled}. A job whose
 * service stopped while it was queued or running is {@code interrupted}.
 */
public enum ImportStatus {

    QUEUED,
    RUNNING,
    COMPLETED,
    FAILED,
    CANCELLED,
    INTERRUPTED;

    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean isFinal() {
        return this != QUEUED && this != RUNNING;
    }
}
