package io.channelmind.ingestion.cleaning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class CurrencyConverterTest {

    private static final CurrencyConverter TO_CNY = new CurrencyConverter(Optional.of("CNY"),
            Map.of("USD", new BigDecimal("7.10"), "EUR", new BigDecimal("7.70")));

    @Test
    void foreignAmountIsConverted() {
        CurrencyConverter.Amount amount = TO_CNY.convert(new BigDecimal("12.50"), "USD");

        assertEquals(new BigDecimal("88.750000"), amount.value());
        assertEquals("CNY", amount.currency());
        assertEquals(new BigDecimal("12.50"), amount.originalValue());
        assertEquals("USD", amount.originalCurrency());
    }

    @Test
    void reportingCurrencyIsKept() {
        CurrencyConverter.Amount amount = TO_CNY.convert(new BigDecimal("3.00"), "CNY");

        assertEquals(new BigDecimal("3.00"), amount.value());
        assertNull(amount.originalCurrency());
    }

    @Test
    void missingRateNamesProperty() {
        CurrencyConverter.MissingRateException error = assertThrows(CurrencyConverter.MissingRateException.class,
                () -> TO_CNY.convert(BigDecimal.ONE, "GBP"));

        assertTrue(error.getMessage().contains("ingestion.cleaning.rates.GBP"), error.getMessage());
    }

    @Test
    void noReportingCurrencyConvertsNothing() {
        CurrencyConverter.Amount amount = CurrencyConverter.none().convert(BigDecimal.TEN, "GBP");

        assertEquals(BigDecimal.TEN, amount.value());
        assertEquals("GBP", amount.currency());
    }

    @Test
    void datedRateAppliesUntilNextEntry() {
        CurrencyConverter daily = new CurrencyConverter(Optional.of("CNY"), Map.of(),
                Map.of("USD", Map.of("2024-05-01", new BigDecimal("7.10"), "2024-05-03", new BigDecimal("7.20"))));

        assertEquals(new BigDecimal("7.100000"), daily.convert(BigDecimal.ONE.setScale(2), "USD", LocalDate.parse("2024-05-01")).value());
        assertEquals(new BigDecimal("7.100000"), daily.convert(BigDecimal.ONE.setScale(2), "USD", LocalDate.parse("2024-05-02")).value());
        assertEquals(new BigDecimal("7.200000"), daily.convert(BigDecimal.ONE.setScale(2), "USD", LocalDate.parse("2024-05-03")).value());
        assertEquals(new BigDecimal("7.200000"), daily.convert(BigDecimal.ONE.setScale(2), "USD", LocalDate.parse("2025-01-01")).value());
    }

    @Test
    void earlyDateUsesUndatedRate() {
        CurrencyConverter mixed = new CurrencyConverter(Optional.of("CNY"), Map.of("USD", new BigDecimal("7.00")),
                Map.of("USD", Map.of("2024-05-01", new BigDecimal("7.10"))));

        assertEquals(new BigDecimal("7.000000"), mixed.convert(BigDecimal.ONE.setScale(2), "USD", LocalDate.parse("2024-04-30")).value());
        assertEquals(new BigDecimal("7.000000"), mixed.convert(BigDecimal.ONE.setScale(2), "USD", null).value());
    }

    @Test
    void earlyDateWithoutUndatedRateFails() {
        CurrencyConverter daily = new CurrencyConverter(Optional.of("CNY"), Map.of(),
                Map.of("USD", Map.of("2024-05-01", new BigDecimal("7.10"))));

        CurrencyConverter.MissingRateException error = assertThrows(CurrencyConverter.MissingRateException.class,
                () -> daily.convert(BigDecimal.ONE, "USD", LocalDate.parse("2024-04-30")));

        assertTrue(error.getMessage().contains("effective from 2024-05-01, after 2024-04-30"), error.getMessage());
    }

    @Test
    void effectiveDateMustBeIsoDate() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> new CurrencyConverter(
                Optional.of("CNY"), Map.of(), Map.of("USD", Map.of("01/05/2024", BigDecimal.TEN))));

        assertTrue(error.getMessage().contains("ingestion.cleaning.dated-rates.USD.01/05/2024"), error.getMessage());
    }
}
