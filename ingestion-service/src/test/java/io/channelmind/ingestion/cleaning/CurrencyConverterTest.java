package io.channelmind.ingestion.cleaning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
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
}
