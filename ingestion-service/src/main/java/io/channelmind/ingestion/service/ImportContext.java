package io.channelmind.ingestion.service;

import java.time.Instant;

import io.channelmind.ingestion.cleaning.CleaningStats;
import io.channelmind.ingestion.cleaning.CurrencyConverter;

/**
 * The import a row belongs to.
 *
 * @param importedAt the import's start, used as {@code occurredAt} for events whose row has no time
 * @param cleaning the counters of the cleaning rules; a fresh one when null
 * @param currencies the conversion to the reporting currency; none when null
 */
public record ImportContext(String importId, Instant importedAt, CleaningStats cleaning, CurrencyConverter currencies) {

    public ImportContext {
        cleaning = cleaning == null ? new CleaningStats() : cleaning;
        currencies = currencies == null ? CurrencyConverter.none() : currencies;
    }

    public ImportContext(String importId, Instant importedAt, CleaningStats cleaning) {
        this(importId, importedAt, cleaning, null);
    }
}
