package io.channelmind.content.domain;

/**
 * Per-request settings beyond the brief.
 *
 * @param maxSmsSegments segments an SMS may take, 1 unless the request allows more
 * @param brand rules of the brand the copy is for, or null for none
 * @param industry industry whose extra restricted terms apply, such as {@code finance}, or null
 * @param variant number of the variant, from 1; the model writes a different wording for each,
 *        but the template copywriter writes the same text for every number
 */
public record CopyOptions(int maxSmsSegments, BrandRule brand, String industry, int variant) {

    public static CopyOptions defaults() {
        return new CopyOptions(1, null, null, 1);
    }

    /** Returns the disclaimer the brand requires, or null. */
    public String disclaimer() {
        return brand == null ? null : brand.disclaimer();
    }
}
