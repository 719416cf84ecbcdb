package io.channelmind.optimizer.curves;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A fitted marketing-mix model: fit quality and the response curve of each channel. */
public record CurveFit(
        @Schema(description = "R² on the training periods (the first 85% of the history)") double rSquaredTrain,
        @Schema(description = "R² on the holdout (the last 15%)") double rSquaredHoldout,
        @Schema(description = "RMSE on the holdout divided by the range of the outcome there") double nrmseHoldout,
        @Schema(description = "The same NRMSE for a plain linear regression on raw spend and the same controls")
        double nrmseHoldoutLinear,
        @Schema(description = "Ridge penalty chosen") double lambda,
        @Schema(description = "Root of the summed squared gaps between effect shares and spend shares, as Robyn's"
                + " DECOMP.RSSD; lower means effects follow spend") double decompositionDistance,
        List<ChannelCurve> channels) {

    /** One channel's fitted curve, effect and returns with bootstrap intervals. */
    public record ChannelCurve(
            String channel,
            Adstock adstock,
            @Schema(description = "Hill exponent") double alpha,
            @Schema(description = "Half-saturation point, in adstocked spend per period") double gamma,
            @Schema(description = "Outcome at full saturation per period") double coefficient,
            @Schema(description = "Share of all media effect") double effectShare,
            @Schema(description = "Share of all media spend") double spendShare,
            @Schema(description = "Outcome attributed to the channel per unit of its spend over the history")
            double roi,
            @Schema(description = "Extra outcome per extra unit of spend at the historical level (spend +1%)")
            double marginalRoi,
            Interval roiInterval,
            Interval marginalRoiInterval,
            @Schema(description = "Coefficient of variation of the channel's spend per period; below 0.3 the"
                    + " curve is poorly identified") double spendVariation) {
    }

    /** A 90% bootstrap interval (5th to 95th percentile). */
    public record Interval(double low, double high) {
    }
}
