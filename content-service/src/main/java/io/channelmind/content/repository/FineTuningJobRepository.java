package io.channelmind.content.repository;

import jakarta.enterprise.context.ApplicationScoped;

import io.channelmind.content.domain.FineTuningJobRecord;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;

/** Stores the submitted fine-tuning jobs by the endpoint's job id. */
@ApplicationScoped
public class FineTuningJobRepository implements PanacheRepositoryBase<FineTuningJobRecord, String> {
}
