package io.channelmind.optimizer.curves;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.channelmind.optimizer.allocation.HillCurve;

/** A fitted marketing-mix model: fit quality and the response curve of each channel. */
public record CurveFit(
        @Schema(description = "Id of the stored fit, for GET /api/v1/curve-fits/{id} and a plan's fitId; null"
                + " before it is stored", nullable = true) UUID id,
        @Schema(description = "Label given in the request", nullable = true) String name,
        @Schema(description = "When the fit was stored", nullable = true) OffsetDateTime createdAt,
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
                    + " curve is poorly identified") double spendVariation,
            @Schema(description = "Mean spend per period over the history") double meanSpend,
            @Schema(description = "Lowest spend in a period of the history") double minSpend,
            @Schema(description = "Highest spend in a period of the history") double maxSpend,
            @Schema(description = "Outcome per period against spend per period when the spend stays at one level"
                    + " long enough for the adstock to settle; the curve a budget plan uses")
            HillCurve responseCurve) {
    }

    /** Returns this fit with the id, name and time it was stored under. */
    public CurveFit stored(UUID storedId, String storedName, OffsetDateTime storedAt) {
        return new CurveFit(storedId, storedName, storedAt, rSquaredTrain, rSquaredHoldout, nrmseHoldout,
                nrmseHoldoutLinear, lambda, decompositionDistance, channels);
    }

    /** A 90% bootstrap interval (5th to 95th percentile). */
    public record Interval(double low, double high) {
    }
}
