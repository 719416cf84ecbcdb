package io.channelmind.optimizer.repository;

import java.util.UUID;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.channelmind.optimizer.attribution.AttributionReport;
import io.smallrye.mutiny.Uni;

/** Stores attribution runs as JSON documents and reads them back. */
// A singleton, not application-scoped, because the shared superclass has no no-argument constructor for a client proxy.
@Singleton
public class AttributionRunRepository extends StoredDocuments<AttributionReport> {

    public AttributionRunRepository(ObjectMapper json) {
        super(json, AttributionReport.class, "attribution_run", "report");
    }

    /** Inserts the report and returns it with its new id, name and creation time. */
    public Uni<AttributionReport> insert(String name, AttributionReport report) {
        return insertDocument(name, report).map(summary -> report.stored(summary.id(), name, summary.createdAt()));
    }

    /** Returns the report, or null when no run has the id. */
    public Uni<AttributionReport> find(UUID id) {
        return findDocument(id).map(stored -> stored == null ? null
                : stored.document().stored(id, stored.summary().name(), stored.summary().createdAt()));
    }
}
