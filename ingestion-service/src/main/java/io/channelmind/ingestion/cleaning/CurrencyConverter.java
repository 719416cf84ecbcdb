package io.channelmind.ingestion.cleaning;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Converts amounts to the reporting currency with a rate table from the configuration: one
 * undated rate per currency, dated rates, or both. An amount dated D uses the dated rate with the
 * latest effective date on or before D, so a rate stays in effect until the next entry. An amount
 * dated before every entry of its currency, or without a date, uses the undated rate. Without a
 * reporting currency it converts nothing.
 */
public final class CurrencyConverter {

    /** Decimal places kept after a conversion, beyond the amount's own ones. */
    private static final int EXTRA_SCALE = 4;

    private final String reportingCurrency;
    private final Map<String, BigDecimal> rates;
    private final Map<String, NavigableMap<LocalDate, BigDecimal>> datedRates = new TreeMap<>();

    /**
     * @param rates units of the reporting currency per unit of each other currency, by ISO 4217 code
     */
    public CurrencyConverter(Optional<String> reportingCurrency, Map<String, BigDecimal> rates) {
        this(reportingCurrency, rates, Map.of());
    }

    /**
     * @param rates undated rates: units of the reporting currency per unit of each other currency, by ISO 4217 code
     * @param datedRates rates by ISO 4217 code and then by effective date in ISO form ({@code 2024-05-01})
     * @throws IllegalArgumentException when an effective date is not an ISO date
     */
    public CurrencyConverter(Optional<String> reportingCurrency, Map<String, BigDecimal> rates,
            Map<String, Map<String, BigDecimal>> datedRates) {
        this.reportingCurrency = reportingCurrency.map(String::strip).filter(code -> !code.isEmpty()).orElse(null);
        this.rates = new TreeMap<>(rates);
        datedRates.forEach((currency, byDate) -> {
            NavigableMap<LocalDate, BigDecimal> table = new TreeMap<>();
            byDate.forEach((date, rate) -> table.put(effectiveDate(currency, date), rate));
            this.datedRates.put(currency, table);
        });
    }

    public static CurrencyConverter none() {
        return new CurrencyConverter(Optional.empty(), Map.of());
    }

    /** A converted amount, or the original when no conversion applies. */
    public record Amount(BigDecimal value, String currency, BigDecimal originalValue, String originalCurrency) {
    }

    /**
     * Converts one amount without a date, with the undated rate.
     *
     * @throws MissingRateException when the table has no undated rate for the currency
     */
    public Amount convert(BigDecimal value, String currency) {
        return convert(value, currency, null);
    }

    /**
     * Converts one amount of the day {@code date}, or without a date when it is null.
     *
     * @throws MissingRateException when the table has no rate for the currency on that day
     */
    public Amount convert(BigDecimal value, String currency, LocalDate date) {
        if (reportingCurrency == null || value == null || currency == null || currency.equals(reportingCurrency)) {
            return new Amount(value, currency, null, null);
        }
        BigDecimal rate = rate(currency, date);
        BigDecimal converted = value.multiply(rate).setScale(Math.max(value.scale(), 0) + EXTRA_SCALE, RoundingMode.HALF_EVEN);
        return new Amount(converted, reportingCurrency, value, currency);
    }

    private BigDecimal rate(String currency, LocalDate date) {
        NavigableMap<LocalDate, BigDecimal> dated = datedRates.get(currency);
        Map.Entry<LocalDate, BigDecimal> entry = dated == null || date == null ? null : dated.floorEntry(date);
        if (entry != null) {
            return entry.getValue();
        }
        BigDecimal rate = rates.get(currency);
        if (rate != null) {
            return rate;
        }
        if (dated == null || dated.isEmpty()) {
            throw new MissingRateException(currency, reportingCurrency, "add ingestion.cleaning.rates." + currency);
        }
        String day = date == null ? "an amount without a date" : date.toString();
        throw new MissingRateException(currency, reportingCurrency, "the first dated rate is effective from "
                + dated.firstKey() + ", after " + day + "; add an earlier ingestion.cleaning.dated-rates." + currency
                + ".<yyyy-MM-dd> or an undated ingestion.cleaning.rates." + currency);
    }

    private static LocalDate effectiveDate(String currency, String date) {
        try {
            return LocalDate.parse(date.strip());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("ingestion.cleaning.dated-rates." + currency + "." + date
                    + ": the effective date must be an ISO date such as 2024-05-01", e);
        }
    }

    /** The rate table has no rate for an amount's currency on the amount's day. */
    public static final class MissingRateException extends RuntimeException {

        MissingRateException(String currency, String reportingCurrency, String fix) {
            super("No exchange rate from " + currency + " to the reporting currency " + reportingCurrency + "; " + fix
                    + " (units of " + reportingCurrency + " per " + currency + ")", null, false, false);
        }
    }
}
