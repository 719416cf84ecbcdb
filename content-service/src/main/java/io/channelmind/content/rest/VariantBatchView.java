package io.channelmind.content.rest;

import java.util.List;

import io.channelmind.content.service.VariantBatch;

/**
 * The variants written for one brief.
 *
 * @param requested the number of variants the request asked for
 * @param produced the number of distinct variants stored, at most {@code requested}
 * @param dropped one sentence per variant left out because its text repeats an earlier one
 * @param copies the stored variants in variant order
 */
public record VariantBatchView(int requested, int produced, List<String> dropped, List<CopyView> copies) {

    static VariantBatchView of(VariantBatch batch) {
        return new VariantBatchView(batch.requested(), batch.copies().size(), batch.dropped(),
                batch.copies().stream().map(CopyView::of).toList());
    }
}
