package io.channelmind.profile.learned;

import java.util.function.ToDoubleFunction;

import io.channelmind.profile.domain.Profile;

/**
 * One numeric input of learned segments: its name, how to read it from a profile, and whether
 * its values are never negative, so a cluster's mean can be given as a multiple of the average.
 * It also carries the English and Chinese phrases for a cluster whose mean is above or below the
 * population's.
 * The reader returns {@code NaN} for a missing value, which clustering replaces by the column mean.
 */
public record FeatureColumn(String name, ToDoubleFunction<Profile> reader, boolean nonNegative, String highEn,
        String lowEn, String highZh, String lowZh, String labelZh) {
}
