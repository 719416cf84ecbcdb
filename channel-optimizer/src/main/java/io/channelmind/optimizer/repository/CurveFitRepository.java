package io.channelmind.optimizer.repository;

import java.util.UUID;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.channelmind.optimizer.curves.CurveFit;
import io.smallrye.mutiny.Uni;

/** Stores response-curve fits as JSON documents and reads them back. */
// A singleton, not application-scoped, because the shared superclass has no no-argument constructor for a client proxy.
@Singleton
public class CurveFitRepository extends StoredDocuments<CurveFit> {

    public CurveFitRepository(ObjectMapper json) {
        super(json, CurveFit.class, "curve_fit", "fit");
    }

    /** Inserts the fit and returns it with its new id, name and creation time. */
    public Uni<CurveFit> insert(String name, CurveFit fit) {
        return insertDocument(name, fit).map(summary -> fit.stored(summary.id(), name, summary.createdAt()));
    }

    /** Returns the fit, or null when no fit has the id. */
    public Uni<CurveFit> find(UUID id) {
        return findDocument(id).map(stored -> stored == null ? null
                : stored.document().stored(id, stored.summary().name(), stored.summary().createdAt()));
    }
}
