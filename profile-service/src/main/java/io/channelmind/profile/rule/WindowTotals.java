package io.channelmind.profile.rule;

import java.math.BigDecimal;

/** The number of a profile's events in a window and the sum of their values (0 without any). */
public record WindowTotals(long count, BigDecimal sum) {

    public static final WindowTotals NONE = new WindowTotals(0, BigDecimal.ZERO);
}
