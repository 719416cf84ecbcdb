package io.channelmind.profile.repository;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.channelmind.profile.domain.Segment;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** A row of the {@code segment} table, which the Flyway migration creates. {@code rule}, {@code description} and {@code descriptionZh} may be null. */
@Entity
@Table(name = "segment")
public class SegmentEntity extends PanacheEntityBase {

    @Id
    public String name;

    @Column(nullable = false)
    public String kind = Segment.RULE;

    public String rule;

    public String description;

    @Column(name = "description_zh")
    public String descriptionZh;

    @Column(name = "as_of")
    public Instant asOf;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    static SegmentEntity from(Segment segment) {
        SegmentEntity entity = new SegmentEntity();
        entity.name = segment.name();
        entity.kind = segment.kind();
        entity.rule = segment.rule();
        entity.descriptionZh = segment.descriptionZh();
        entity.description = segment.description();
        entity.asOf = segment.asOf();
        entity.createdAt = segment.createdAt();
        return entity;
    }

    Segment toSegment() {
        return new Segment(name, kind, rule, description, descriptionZh, asOf, createdAt);
    }
}
