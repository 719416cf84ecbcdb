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

    /**
     * Returns the second derivative of the outcome with respect to spend:
     * {@code maxResponse * shape * u * (shape - 1 - (shape + 1) * u) / (s^2 * (1 + u)^3)} with
     * {@code u = (s / halfSaturation)^shape}. It is negative where the curve is concave, which for
     * a shape above 1 means above the inflection point. Returns NaN at zero spend, where it may be
     * infinite.
     */
    public double curvature(double spend) {
        if (spend <= 0) {
            return Double.NaN;
        }
        double scaled = Math.pow(spend / halfSaturation, shape);
        double onePlus = 1 + scaled;
        return maxResponse * shape * scaled * (shape - 1 - (shape + 1) * scaled)
                / (spend * spend * onePlus * onePlus * onePlus);
    }
}
