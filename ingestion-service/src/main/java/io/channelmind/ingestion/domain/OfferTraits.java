package io.channelmind.ingestion.domain;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The trait names of an {@code offer} event. Each trait names the field that contains one attribute
 * of the offer, so a catalogue with other column names can still be mapped.
 */
public final class OfferTraits {

    public static final String OFFER_ID = "offerId";
    public static final String KIND = "kind";
    public static final String TITLE = "title";
    public static final String DESCRIPTION = "description";
    public static final String CATEGORY = "category";
    public static final String PRICE = "price";
    public static final String CURRENCY = "currency";
    public static final String RISK_LEVEL = "riskLevel";
    public static final String PREREQUISITES = "prerequisites";
    public static final String VALID_FROM = "validFrom";
    public static final String VALID_TO = "validTo";
    public static final String LOCALE = "locale";
    public static final String STATUS = "status";

    static final List<String> REQUIRED = List.of(OFFER_ID, KIND, TITLE);
    static final Set<String> ALL = Set.of(OFFER_ID, KIND, TITLE, DESCRIPTION, CATEGORY, PRICE, CURRENCY, RISK_LEVEL,
            PREREQUISITES, VALID_FROM, VALID_TO, LOCALE, STATUS);

    private OfferTraits() {
    }

    static void validate(String where, Map<String, TraitSpec> traits, List<String> problems) {
        for (String name : REQUIRED) {
            if (!traits.containsKey(name)) {
                problems.add(where + ".traits." + name + ": an offer event needs it");
            }
        }
        traits.forEach((name, trait) -> {
            if (!ALL.contains(name)) {
                problems.add(where + ".traits." + name + ": not an offer attribute; use one of " + ALL.stream().sorted().toList());
            } else if (trait.nested() != null) {
                problems.add(where + ".traits." + name + ": an offer attribute takes a field name or a constant, not an object");
            }
        });
    }
}
