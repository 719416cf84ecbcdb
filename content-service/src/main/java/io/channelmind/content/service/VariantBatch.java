package io.channelmind.content.service;

import java.util.List;
import java.util.Locale;

import io.channelmind.content.domain.CopyVariant;
import io.channelmind.content.domain.GeneratedCopy;

/**
 * The result of a request for several variants of one brief.
 *
 * @param requested the number of variants the request asked for
 * @param copies the stored variants, in variant order, without duplicates
 * @param dropped one sentence per variant left out because its text repeats an earlier one
 */
public record VariantBatch(int requested, List<CopyVariant> copies, List<String> dropped) {

    public VariantBatch {
        copies = List.copyOf(copies);
        dropped = List.copyOf(dropped);
    }

    /** Returns the text that two copies share when they are duplicates: subject and body, ignoring case and spacing. */
    static String sameTextKey(GeneratedCopy copy) {
        String text = (copy.subject() == null ? "" : copy.subject()) + "\n" + copy.body();
        return text.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }
}
