package io.channelmind.optimizer.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** Events consumed from one topic and how many of them changed the data (were not duplicates). */
@Entity
@Table(name = "topic_counter")
public class TopicCounter {

    @Id
    @Column(name = "topic")
    public String topic;

    @Column(name = "events_consumed")
    public long eventsConsumed;

    @Column(name = "events_applied")
    public long eventsApplied;
}
