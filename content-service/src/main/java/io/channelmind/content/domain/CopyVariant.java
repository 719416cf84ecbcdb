package io.channelmind.content.domain;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A stored copy with the request it was written for and the deliveries, clicks and conversions it got. */
@Entity
@Table(name = "copy_variant")
public class CopyVariant {

    @Id
    public UUID id;

    public String campaign;
    public String segment;
    public String channel;
    public String locale;
    public String generator;
    public String model;
    public String subject;
    public String body;

    @JdbcTypeCode(SqlTypes.ARRAY)
    public String[] placeholders;

    @JdbcTypeCode(SqlTypes.ARRAY)
    public String[] warnings;

    public String product;
    public String offer;

    @Column(name = "call_to_action")
    public String callToAction;

    public String url;

    @Column(name = "audience_size")
    public Long audienceSize;

    @Column(name = "audience_features")
    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Object> audienceFeatures;

    /** Deliveries counted from {@code cm.deliveries}; only that consumer's SQL changes it. */
    public long sends;

    /** Clicks counted from {@code cm.deliveries}; only that consumer's SQL changes it. */
    public long clicks;

    /** Conversions counted from {@code cm.deliveries}; only that consumer's SQL changes it. */
    public long conversions;

    /** Whether a reviewer approved the copy for sending and for fine-tuning data. */
    public boolean approved;

    @Column(name = "created_at")
    public Instant createdAt;

    /** Builds the row for a new copy with a random id and no deliveries. */
    public static CopyVariant of(CopySpec spec, GeneratedCopy copy, Instant createdAt) {
        CopyVariant variant = new CopyVariant();
        variant.id = UUID.randomUUID();
        variant.campaign = spec.campaign();
        variant.segment = spec.segment();
        variant.channel = spec.channel();
        variant.locale = spec.locale().tag();
        variant.generator = copy.generator();
        variant.model = copy.model();
        variant.subject = copy.subject();
        variant.body = copy.body();
        variant.placeholders = copy.placeholders().toArray(String[]::new);
        variant.warnings = copy.warnings().toArray(String[]::new);
        variant.product = spec.brief().product();
        variant.offer = spec.brief().offer();
        variant.callToAction = spec.brief().callToAction();
        variant.url = spec.brief().url();
        variant.audienceSize = spec.audience().size();
        variant.audienceFeatures = spec.audience().features();
        variant.sends = 0;
        variant.createdAt = createdAt;
        return variant;
    }
}
