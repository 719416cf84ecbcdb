package io.channelmind.profile.rest;

import java.math.BigDecimal;

/** Formats stored amounts (4 decimal places in the database) without trailing zeros or exponents. */
final class Decimals {

    private Decimals() {
    }

    static BigDecimal plain(BigDecimal value) {
        if (value == null) {
            return null;
        }
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }
}
