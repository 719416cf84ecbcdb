package io.channelmind.ingestion.domain;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A declarative column mapping: how to read one kind of file and which events each row becomes.
 * The JSON format is documented in {@code docs/mappings.md}.
 *
 * @param fields mapped columns by field name, in the order in which a row is checked
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MappingDefinition(
        String name,
        String description,
        Format format,
        Defaults defaults,
        Channels channels,
        ProfileKey profileKey,
        Map<String, FieldSpec> fields,
        List<EventSpec> events) {

    public MappingDefinition {
        format = format == null ? new Format(null, null, null) : format;
        defaults = defaults == null ? new Defaults(null, null, null) : defaults;
        channels = channels == null ? new Channels(null, null, null) : channels;
        fields = fields == null ? Map.of() : new LinkedHashMap<>(fields);
        events = events == null ? List.of() : List.copyOf(events);
    }

    /** File syntax. The {@code charset} query parameter of an import request overrides {@code charset}. */
    public record Format(String delimiter, String quote, String charset) {

        public Format {
            delimiter = delimiter == null ? "," : delimiter;
            quote = quote == null ? "\"" : quote;
            charset = charset == null ? "UTF-8" : charset;
        }
    }

    /**
     * Values used when a row leaves them out: the zone of timestamps without an offset, the
     * currency of amounts without one, and the region of phone numbers without a country code.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Defaults(String timeZone, String currency, String phoneRegion) {

        public Defaults {
            timeZone = timeZone == null ? "UTC" : timeZone;
        }
    }

    /**
     * Channel name normalisation, applied after trimming: lower-casing (on unless set to false),
     * then replacing an alias by its channel name. With {@code taxonomy}, a row whose channel
     * value is empty gets its channel from its UTM, referrer and click-id fields by the rules that
     * tracking calls use.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Channels(Boolean lowerCase, Map<String, String> aliases, Taxonomy taxonomy) {

        public Channels {
            lowerCase = lowerCase == null ? Boolean.TRUE : lowerCase;
            aliases = aliases == null ? Map.of() : Map.copyOf(aliases);
        }
    }

    /**
     * The fields that hold a row's campaign parameters, each a field name under {@code fields} or null.
     *
     * @param url a landing page URL, whose query is searched for click ids such as {@code gclid}
     * @param clickIds click-id parameter name (such as {@code gclid}) by the field that contains its
     *     value. A non-empty value means the click id is present
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Taxonomy(String source, String medium, String referrer, String url, Map<String, String> clickIds) {

        public Taxonomy {
            clickIds = clickIds == null ? Map.of() : new java.util.TreeMap<>(clickIds);
        }

        /** Returns the named fields by their JSON property, such as {@code medium} or {@code clickIds.gclid}. */
        public Map<String, String> fieldsByProperty() {
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put("source", source);
            fields.put("medium", medium);
            fields.put("referrer", referrer);
            fields.put("url", url);
            clickIds.forEach((parameter, field) -> fields.put("clickIds." + parameter, field));
            fields.values().removeIf(java.util.Objects::isNull);
            return fields;
        }
    }

    /**
     * The customer key {@code <namespace>:<id>}: the id comes from a field, or from the 1-based
     * data row number after {@code rowNumberPrefix} for files without a customer id.
     *
     * @param whenMissing what a customer event does when {@code field} is empty: {@code reject}
     *     (the default) rejects the row; {@code anonymous} keys it to
     *     {@code <namespace>:anonymous:<value of anonymousField>}, or to
     *     {@code <namespace>:anonymous:row-<row>} without an {@code anonymousField}
     * @param anonymousField the field that groups the rows of one anonymous customer, such as an
     *     invoice number
     * @param hashed whether the id in the key is the SHA-256 of the field's normalised value, for
     *     keys made of contact points such as e-mail addresses
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ProfileKey(String namespace, String field, String rowNumberPrefix, String whenMissing,
            String anonymousField, Boolean hashed) {

        public static final String REJECT = "reject";
        public static final String ANONYMOUS = "anonymous";

        public ProfileKey {
            whenMissing = whenMissing == null ? REJECT : whenMissing;
            hashed = hashed == null ? Boolean.FALSE : hashed;
        }
    }
}
