package io.channelmind.optimizer.bias;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Rates of recommendation and predicted response per group, by age band and by each attribute
 * marked sensitive. Each group's rate is divided by the highest rate of any group of the same
 * attribute (the best-treated group), and a ratio below 0.8 is flagged (the "four-fifths
 * rule" of disparate-impact audits).
 *
 * <p>NOTE: a group of a few profiles can be flagged by chance; read the ratio with the group's count.
 */
@Schema(description = "Disparity of recommendations and predicted response between groups")
public record BiasReport(
        @Schema(description = "Ratio below which a group is flagged") double flagBelow,
        @Schema(description = "Attributes marked sensitive in the request, besides the age band")
        List<String> sensitiveAttributes,
        List<AttributeReport> attributes,
        @Schema(description = "True when any attribute is flagged") boolean flagged) {

    public static final double FLAG_BELOW = 0.8;
    public static final String AGE_BAND = "age band";
    public static final String AGE = "age";

    /** Builds the report over the observations; an observation without the attribute falls into "unknown". */
    public static BiasReport of(List<BiasObservation> observations, List<String> sensitiveAttributes) {
        List<AttributeReport> attributes = new ArrayList<>();
        attributes.add(attribute(AGE_BAND, observations, observation -> AgeBand.of(observation.attributes().get(AGE))));
        for (String name : sensitiveAttributes) {
            attributes.add(attribute(name, observations, observation -> {
                String value = observation.attributes().get(name);
                return value == null || value.isBlank() ? AgeBand.UNKNOWN : value.trim();
            }));
        }
        boolean flagged = attributes.stream().anyMatch(AttributeReport::flagged);
        return new BiasReport(FLAG_BELOW, List.copyOf(sensitiveAttributes), attributes, flagged);
    }

    private static AttributeReport attribute(String name, List<BiasObservation> observations,
            Function<BiasObservation, String> groupOf) {
        Map<String, List<BiasObservation>> byGroup = new TreeMap<>();
        for (BiasObservation observation : observations) {
            byGroup.computeIfAbsent(groupOf.apply(observation), group -> new ArrayList<>()).add(observation);
        }
        Map<String, double[]> rates = new LinkedHashMap<>();
        byGroup.forEach((group, members) -> rates.put(group, new double[] {
                members.stream().filter(BiasObservation::recommended).count() / (double) members.size(),
                members.stream().mapToDouble(BiasObservation::predictedResponse).average().orElse(0.0)}));
        double bestRecommendation = rates.values().stream().mapToDouble(rate -> rate[0]).max().orElse(0.0);
        double bestResponse = rates.values().stream().mapToDouble(rate -> rate[1]).max().orElse(0.0);

        List<GroupRates> groups = new ArrayList<>();
        byGroup.forEach((group, members) -> {
            double[] rate = rates.get(group);
            Double recommendationRatio = ratio(rate[0], bestRecommendation);
            Double responseRatio = ratio(rate[1], bestResponse);
            groups.add(new GroupRates(group, members.size(),
                    rate[0], recommendationRatio, isFlagged(recommendationRatio),
                    rate[1], responseRatio, isFlagged(responseRatio),
                    members.stream().filter(BiasObservation::converted).count() / (double) members.size(),
                    channelShares(members)));
        });
        groups.sort(Comparator.comparingLong(GroupRates::count).reversed().thenComparing(GroupRates::group));
        boolean flagged = groups.stream().anyMatch(g -> g.recommendationFlagged() || g.predictedResponseFlagged());
        return new AttributeReport(name, groups, flagged);
    }

    private static Map<String, Double> channelShares(List<BiasObservation> members) {
        Map<String, Double> shares = new TreeMap<>();
        for (BiasObservation member : members) {
            shares.merge(member.recommendedChannel(), 1.0 / members.size(), Double::sum);
        }
        return shares;
    }

    private static Double ratio(double rate, double best) {
        return best == 0.0 ? null : rate / best;
    }

    private static boolean isFlagged(Double ratio) {
        return ratio != null && ratio < FLAG_BELOW;
    }
}
