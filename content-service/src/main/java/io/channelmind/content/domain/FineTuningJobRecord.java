package io.channelmind.content.domain;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A fine-tuning job submitted to the model endpoint, with the status it reported when last read. */
@Entity
@Table(name = "fine_tuning_job")
public class FineTuningJobRecord {

    /** The endpoint's job id, such as {@code ftjob-abc123}. */
    @Id
    public String id;

    @Column(name = "training_file_id")
    public String trainingFileId;

    @Column(name = "base_model")
    public String baseModel;

    public String suffix;

    /** JSONL lines of the uploaded training file. */
    public int examples;

    /** {@code validating_files}, {@code queued}, {@code running}, {@code succeeded}, {@code failed} or {@code cancelled}. */
    public String status;

    /** Name of the tuned model once the job succeeded, else null. */
    @Column(name = "fine_tuned_model")
    public String fineTunedModel;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
