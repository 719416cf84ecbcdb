package io.channelmind.optimizer.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** Number of events consumed from one import, duplicates included. */
@Entity
@Table(name = "import_progress")
public class ImportProgress {

    @Id
    @Column(name = "import_id")
    public String importId;

    @Column(name = "events_consumed")
    public long eventsConsumed;
}
