package io.channelmind.optimizer.repository;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.channelmind.optimizer.domain.ChannelTotals;
import io.channelmind.optimizer.model.FeatureEncoder;
import io.channelmind.optimizer.model.ResponseExample;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** Reads the profile traits consumed from identify events, and the response model's training rows. */
@ApplicationScoped
public class ProfileTraitRepository {

    // One row per identified profile and channel it has events on, in the order profiles were
    // first identified, so the last rows are the newest.
    private static final String TRAINING_ROWS = """
            select cast(pt.traits as text), pc.channel, pc.conversions > 0, pt.profile_key
            from profile_trait pt
            join profile_channel pc on pc.profile_key = pt.profile_key
            where pc.contacts > 0 or pc.conversions > 0
            order by pt.identified_order, pc.channel
            """;

    // The interest shares stored with the newest response model join the traits as interest.<label>.
    private static final String TRAITS = """
            select cast(pt.traits as text), cast(pi.shares as text)
            from profile_trait pt left join profile_interest pi on pi.profile_key = pt.profile_key
            where pt.profile_key = :profileKey
            """;

    private static final String PROFILE_EXISTS = """
            select count(*) from profile where profile_key = :profileKey
            """;

    private static final String PROFILE_CHANNELS = """
            select channel, contacts, case when contacts > 0 then 1 else 0 end, conversions, value
            from profile_channel where profile_key = :profileKey
            """;

    // NOTE: a segment's predicted response is averaged over at most this many members (the first
    // by profile key), which keeps the request fast but is a sample for larger segments.
    static final int MAX_SEGMENT_MEMBERS = 5_000;

    private static final String SEGMENT_TRAITS = """
            select cast(pt.traits as text), cast(pi.shares as text)
            from segment_member sm join profile_trait pt on pt.profile_key = sm.profile_key
            left join profile_interest pi on pi.profile_key = sm.profile_key
            where sm.segment = :segment
            order by sm.profile_key
            limit %d
            """.formatted(MAX_SEGMENT_MEMBERS);

    private static final TypeReference<Map<String, JsonNode>> TRAIT_MAP = new TypeReference<>() {
    };

    private static final TypeReference<Map<String, Double>> SHARE_MAP = new TypeReference<>() {
    };

    /** A training example with the profile it belongs to. */
    public record TrainingRow(String profileKey, ResponseExample example) {
    }

    private final ObjectMapper json;

    public ProfileTraitRepository(ObjectMapper json) {
        this.json = json;
    }

    /**
     * Returns every contacted, identified profile and channel as a training example, oldest
     * profile first. The features are the identify traits only; the caller adds the interest vectors.
     */
    public Uni<List<TrainingRow>> trainingRows() {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(TRAINING_ROWS, Object[].class).getResultList())
                .map(rows -> {
                    List<TrainingRow> examples = new ArrayList<>(rows.size());
                    for (Object[] row : rows) {
                        ResponseExample example = new ResponseExample(features((String) row[0]), (String) row[1],
                                (Boolean) row[2]);
                        examples.add(new TrainingRow((String) row[3], example));
                    }
                    return examples;
                });
    }

    /**
     * Returns the profile's features by name as text: its traits and the interest shares stored
     * with the newest model. Empty when no identify event carried traits.
     */
    public Uni<Map<String, String>> traits(String profileKey) {
        return Panache.getSession().chain(session -> session.createNativeQuery(TRAITS, Object[].class)
                        .setParameter("profileKey", profileKey)
                        .getResultList())
                .map(rows -> rows.isEmpty() ? Map.of() : features(rows.get(0)));
    }

    /** Returns the features of the segment's members (at most {@link #MAX_SEGMENT_MEMBERS}), as {@link #traits}. */
    public Uni<List<Map<String, String>>> segmentTraits(String segment) {
        return Panache.getSession().chain(session -> session.createNativeQuery(SEGMENT_TRAITS, Object[].class)
                        .setParameter("segment", segment)
                        .getResultList())
                .map(rows -> rows.stream().map(this::features).toList());
    }

    /** Returns true when any customer event has named the profile. */
    public Uni<Boolean> exists(String profileKey) {
        return Panache.getSession().chain(session -> session.createNativeQuery(PROFILE_EXISTS, Long.class)
                        .setParameter("profileKey", profileKey)
                        .getSingleResult())
                .map(count -> count > 0);
    }

    /** Returns the profile's own contact and conversion totals per channel. */
    public Uni<Map<String, ChannelTotals>> profileChannels(String profileKey) {
        return Panache.getSession().chain(session -> session.createNativeQuery(PROFILE_CHANNELS, Object[].class)
                        .setParameter("profileKey", profileKey)
                        .getResultList())
                .map(ChannelStatsRepository::byChannel);
    }

    // The traits without interest.* names, then the stored shares under those names.
    private Map<String, String> features(Object[] row) {
        Map<String, String> features = FeatureEncoder.withoutInterests(features((String) row[0]));
        if (row[1] != null) {
            try {
                json.readValue((String) row[1], SHARE_MAP).forEach((label, share) -> {
                    if (share != null) {
                        features.put(FeatureEncoder.INTEREST_PREFIX + label, share.toString());
                    }
                });
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("Stored interest shares are not a JSON object of numbers", e);
            }
        }
        return features;
    }

    // Text and numbers become their text; nested objects, arrays and nulls are left out.
    private Map<String, String> features(String traits) {
        try {
            Map<String, String> features = new LinkedHashMap<>();
            json.readValue(traits, TRAIT_MAP).forEach((name, value) -> {
                if (value != null && value.isValueNode() && !value.isNull()) {
                    features.put(name, value.asText());
                }
            });
            return features;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored profile traits are not a JSON object", e);
        }
    }
}
