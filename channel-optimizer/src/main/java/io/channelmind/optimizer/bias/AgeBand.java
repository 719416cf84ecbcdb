package io.channelmind.optimizer.bias;

/** Age bands of the bias report: under 25, 25 to 39, 40 to 59, and 60 and over. */
public final class AgeBand {

    public static final String UNDER_25 = "under 25";
    public static final String FROM_25_TO_39 = "25-39";
    public static final String FROM_40_TO_59 = "40-59";
    public static final String FROM_60 = "60 and over";
    public static final String UNKNOWN = "unknown";

    private AgeBand() {
    }

    /** Returns the band of an age written as a number (a fraction is cut), or "unknown" when it is missing or invalid. */
    public static String of(String age) {
        if (age == null || age.isBlank()) {
            return UNKNOWN;
        }
        double years;
        try {
            years = Double.parseDouble(age.trim());
        } catch (NumberFormatException e) {
            return UNKNOWN;
        }
        if (!Double.isFinite(years) || years < 0) {
            return UNKNOWN;
        }
        if (years < 25) {
            return UNDER_25;
        }
        if (years < 40) {
            return FROM_25_TO_39;
        }
        return years < 60 ? FROM_40_TO_59 : FROM_60;
    }
}
