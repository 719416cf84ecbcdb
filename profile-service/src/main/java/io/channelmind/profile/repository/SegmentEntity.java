package io.channelmind.profile.repository;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.channelmind.profile.domain.Segment;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** A row of the {@code segment} table, which the Flyway migration creates. {@code description} may be null. */
@Entity
@Table(name = "segment")
public class SegmentEntity extends PanacheEntityBase {

    @Id
    public String name;

    @Column(nullable = false)
    public String rule;

    public String description;

    @Column(name = "as_of")
    public Instant asOf;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    static SegmentEntity from(Segment segment) {
        SegmentEntity entity = new SegmentEntity();
        entity.name = segment.name();
        entity.rule = segment.rule();
        entity.description = segment.description();
        entity.asOf = segment.asOf();
        entity.createdAt = segment.createdAt();
        return entity;
    }

    Segment toSegment() {
        return new Segment(name, rule, description, asOf, createdAt);
    }
}
