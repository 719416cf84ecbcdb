package io.channelmind.profile.offer;

/**
 * The rules that keep an offer from a profile. They are checked in this order, and the first
 * that applies is reported.
 */
public enum OfferFilter {

    WITHDRAWN("withdrawn"),
    NOT_STARTED("not-started"),
    EXPIRED("expired"),
    ALREADY_BOUGHT("already-bought"),
    RISK_TOLERANCE_MISSING("risk-tolerance-missing"),
    RISK_ABOVE_TOLERANCE("risk-above-tolerance"),
    PREREQUISITES_MISSING("prerequisites-missing");

    private final String code;

    OfferFilter(String code) {
        this.code = code;
    }

    /** Returns the stable code that the API shows. */
    public String code() {
        return code;
    }
}
