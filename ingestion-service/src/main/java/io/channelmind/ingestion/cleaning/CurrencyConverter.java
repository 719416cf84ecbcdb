package io.channelmind.ingestion.cleaning;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Converts amounts to the reporting currency with a fixed rate table from the configuration.
 * Without a reporting currency it converts nothing.
 */
public final class CurrencyConverter {

    /** Decimal places kept after a conversion, beyond the amount's own ones. */
    private static final int EXTRA_SCALE = 4;

    private final String reportingCurrency;
    private final Map<String, BigDecimal> rates;

    /**
     * @param rates units of the reporting currency per unit of each other currency, by ISO 4217 code
     */
    public CurrencyConverter(Optional<String> reportingCurrency, Map<String, BigDecimal> rates) {
        this.reportingCurrency = reportingCurrency.map(String::strip).filter(code -> !code.isEmpty()).orElse(null);
        this.rates = new TreeMap<>(rates);
    }

    public static CurrencyConverter none() {
        return new CurrencyConverter(Optional.empty(), Map.of());
    }

    /** A converted amount, or the original when no conversion applies. */
    public record Amount(BigDecimal value, String currency, BigDecimal originalValue, String originalCurrency) {
    }

    /**
     * Converts one amount.
     *
     * @throws MissingRateException when the table has no rate for the currency
     */
    public Amount convert(BigDecimal value, String currency) {
        if (reportingCurrency == null || value == null || currency == null || currency.equals(reportingCurrency)) {
            return new Amount(value, currency, null, null);
        }
        BigDecimal rate = rates.get(currency);
        if (rate == null) {
            throw new MissingRateException(currency, reportingCurrency);
        }
        BigDecimal converted = value.multiply(rate).setScale(Math.max(value.scale(), 0) + EXTRA_SCALE, RoundingMode.HALF_EVEN);
        return new Amount(converted, reportingCurrency, value, currency);
    }

    /** The rate table has no rate for an amount's currency. */
    public static final class MissingRateException extends RuntimeException {

        public MissingRateException(String currency, String reportingCurrency) {
            super("No exchange rate from " + currency + " to the reporting currency " + reportingCurrency
                    + "; add ingestion.cleaning.rates." + currency + " (units of " + reportingCurrency + " per "
                    + currency + ")", null, false, false);
        }
    }
}
