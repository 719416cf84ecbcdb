package io.channelmind.optimizer.bias;

import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Rates of one group of profiles, with their ratio to the best-treated group. */
public record GroupRates(
        @Schema(description = "Group value, such as '25-39' or 'married'") String group,
        @Schema(description = "Profiles in the group") long count,
        @Schema(description = "Share recommended for contact (predicted response on the recommended channel at or"
                + " above the threshold)") double recommendationRate,
        @Schema(description = "recommendationRate / the highest recommendationRate of any group; null when that is 0",
                nullable = true) Double recommendationDisparity,
        @Schema(description = "True when recommendationDisparity is below 0.8") boolean recommendationFlagged,
        @Schema(description = "Mean predicted conversion probability on the recommended channel")
        double predictedResponseRate,
        @Schema(description = "predictedResponseRate / the highest predictedResponseRate of any group; null when that"
                + " is 0", nullable = true) Double predictedResponseDisparity,
        @Schema(description = "True when predictedResponseDisparity is below 0.8") boolean predictedResponseFlagged,
        @Schema(description = "Share that actually converted, for comparison") double observedConversionRate,
        @Schema(description = "Share of the group recommended each channel") Map<String, Double> channelShares) {
}
