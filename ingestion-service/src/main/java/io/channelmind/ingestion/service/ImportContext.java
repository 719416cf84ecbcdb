package io.channelmind.ingestion.service;

import java.time.Instant;

import io.channelmind.ingestion.cleaning.ChannelTaxonomy;
import io.channelmind.ingestion.cleaning.CleaningStats;
import io.channelmind.ingestion.cleaning.CurrencyConverter;

/**
 * The import a row belongs to.
 *
 * @param importedAt the import's start, used as {@code occurredAt} for events whose row has no time
 * @param cleaning the counters of the cleaning rules; a fresh one when null
 * @param currencies the conversion to the reporting currency; none when null
 * @param taxonomy the channel rules for mappings with {@code channels.taxonomy}; without rules, so every utm_medium is unmapped, when null
 */
public record ImportContext(String importId, Instant importedAt, CleaningStats cleaning, CurrencyConverter currencies,
        ChannelTaxonomy taxonomy) {

    public ImportContext {
        cleaning = cleaning == null ? new CleaningStats() : cleaning;
        currencies = currencies == null ? CurrencyConverter.none() : currencies;
        taxonomy = taxonomy == null ? ChannelTaxonomy.withoutRules() : taxonomy;
    }

    public ImportContext(String importId, Instant importedAt, CleaningStats cleaning) {
        this(importId, importedAt, cleaning, null, null);
    }
}
