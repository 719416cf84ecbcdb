package io.channelmind.optimizer.attribution;

/**
 * Parameters of the configurable models.
 *
 * @param halfLife time-decay half-life, in hours when journeys carry times and in touchpoints
 *        otherwise. A touchpoint one half-life older than the last one weighs half as much.
 * @param firstShare position-based share of the first touchpoint
 * @param lastShare position-based share of the last touchpoint; the middle ones split the rest
 * @param markovOrder how many previous channels a Markov state remembers, 1 to 3
 */
public record AttributionSettings(double halfLife, double firstShare, double lastShare, int markovOrder) {

    public static final AttributionSettings DEFAULTS = new AttributionSettings(7, 0.4, 0.4, 1);

    public AttributionSettings {
        if (!(halfLife > 0) || Double.isInfinite(halfLife)) {
            throw new IllegalArgumentException("halfLife must be a positive number, was " + halfLife);
        }
        if (!(firstShare >= 0) || !(lastShare >= 0) || firstShare + lastShare > 1) {
            throw new IllegalArgumentException("firstShare and lastShare must be at least 0 and add up to at most 1,"
                    + " were " + firstShare + " and " + lastShare);
        }
        if (markovOrder < 1 || markovOrder > 3) {
            throw new IllegalArgumentException("markovOrder must be 1, 2 or 3, was " + markovOrder);
        }
    }
}
