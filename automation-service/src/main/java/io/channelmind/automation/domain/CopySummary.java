package io.channelmind.automation.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/**
 * The content-service copy a campaign sends; subject is null for channels without one. Stored
 * in the campaign row, where all four columns are null until the first launch stores the copy.
 */
@Embeddable
public record CopySummary(
        @Column(name = "copy_id") String copyId,
        @Column(name = "copy_generator") String generator,
        @Column(name = "copy_subject") String subject,
        @Column(name = "copy_body") String body) {
}
