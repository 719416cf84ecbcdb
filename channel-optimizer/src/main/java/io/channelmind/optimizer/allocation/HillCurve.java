package io.channelmind.optimizer.allocation;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A Hill saturation curve: the expected outcome of a spend level,
 * {@code maxResponse * s^shape / (s^shape + halfSaturation^shape)}. A shape above 1 gives an S
 * curve, 1 or below a concave one.
 */
public record HillCurve(
        @Schema(description = "Outcome the channel approaches as spend grows (revenue, or conversions for a CPA target)")
        double maxResponse,
        @Schema(description = "Spend at which the outcome is half of maxResponse, in the budget's currency")
        double halfSaturation,
        @Schema(description = "Hill exponent; above 1 gives an S curve, 1 or below a concave one") double shape) {

    /** Returns the expected outcome at the spend level. */
    public double outcome(double spend) {
        if (spend <= 0) {
            return 0;
        }
        double scaled = Math.pow(spend / halfSaturation, shape);
        return maxResponse * scaled / (1 + scaled);
    }

    /** Returns the derivative of the outcome with respect to spend, the marginal return of one more unit. */
    public double marginal(double spend) {
        if (spend <= 0) {
            if (shape > 1) {
                return 0;
            }
            return shape == 1 ? maxResponse / halfSaturation : Double.POSITIVE_INFINITY;
        }
        double scaled = Math.pow(spend / halfSaturation, shape);
        return maxResponse * shape * scaled / (spend * (1 + scaled) * (1 + scaled));
    }
}
