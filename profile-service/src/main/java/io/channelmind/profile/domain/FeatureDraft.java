package io.channelmind.profile.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/** The mutable {@link Features} of a profile while a batch of events is applied to it. */
public final class FeatureDraft {

    private long purchases;
    private long cancellations;
    private long returns;
    private BigDecimal monetary = BigDecimal.ZERO;
    private Instant firstPurchaseAt;
    private Instant lastPurchaseAt;
    private String firstChannel;
    private Instant firstContactAt;
    private final long[] engagementHours = new long[Features.HOURS];
    private final long[] engagementWeekdays = new long[Features.WEEKDAYS];

    /** Creates the draft of stored features. */
    public static FeatureDraft of(Features features) {
        FeatureDraft draft = new FeatureDraft();
        draft.purchases = features.purchases();
        draft.cancellations = features.cancellations();
        draft.returns = features.returns();
        draft.monetary = features.monetary();
        draft.firstPurchaseAt = features.firstPurchaseAt();
        draft.lastPurchaseAt = features.lastPurchaseAt();
        draft.firstChannel = features.firstChannel();
        draft.firstContactAt = features.firstContactAt();
        copyCounts(features.engagementHours(), draft.engagementHours);
        copyCounts(features.engagementWeekdays(), draft.engagementWeekdays);
        return draft;
    }

    public Features toFeatures() {
        return new Features(purchases, cancellations, returns, monetary, firstPurchaseAt, lastPurchaseAt, firstChannel,
                firstContactAt, engagementHours.clone(), engagementWeekdays.clone());
    }

    /** Counts a purchase of {@code value} (null for an unknown value) at {@code at}. */
    public void purchased(BigDecimal value, Instant at) {
        purchases++;
        if (value != null) {
            monetary = monetary.add(value);
        }
        firstPurchaseAt = earlier(firstPurchaseAt, at);
        lastPurchaseAt = later(lastPurchaseAt, at);
    }

    /** Counts a return, whose {@code value} is negative, and subtracts it from the monetary value. */
    public void returned(BigDecimal value) {
        returns++;
        monetary = monetary.add(value);
    }

    /** Counts a cancelled purchase and subtracts the absolute {@code value}, when known, from the monetary value. */
    public void cancelled(BigDecimal value) {
        cancellations++;
        if (value != null) {
            monetary = monetary.subtract(value.abs());
        }
    }

    /** Records a contact, whose channel becomes the first channel unless an earlier contact is known. */
    public void contacted(String channel, Instant at) {
        if (channel != null && (firstContactAt == null || at.isBefore(firstContactAt))) {
            firstContactAt = at;
            firstChannel = channel;
        }
    }

    /** Counts an engagement at {@code at} in the hour and weekday it had in {@code zone}. */
    public void engaged(Instant at, ZoneId zone) {
        ZonedDateTime local = at.atZone(zone);
        engagementHours[local.getHour()]++;
        engagementWeekdays[local.getDayOfWeek().getValue() - 1]++;
    }

    /** Adds the features of a merged profile: counts and values add up, times and first channel take the earlier or later. */
    public void absorb(FeatureDraft merged) {
        purchases += merged.purchases;
        cancellations += merged.cancellations;
        returns += merged.returns;
        monetary = monetary.add(merged.monetary);
        if (merged.firstPurchaseAt != null) {
            firstPurchaseAt = earlier(firstPurchaseAt, merged.firstPurchaseAt);
        }
        if (merged.lastPurchaseAt != null) {
            lastPurchaseAt = later(lastPurchaseAt, merged.lastPurchaseAt);
        }
        if (merged.firstContactAt != null) {
            contacted(merged.firstChannel, merged.firstContactAt);
        }
        for (int i = 0; i < engagementHours.length; i++) {
            engagementHours[i] += merged.engagementHours[i];
        }
        for (int i = 0; i < engagementWeekdays.length; i++) {
            engagementWeekdays[i] += merged.engagementWeekdays[i];
        }
    }

    private static void copyCounts(long[] from, long[] to) {
        System.arraycopy(from, 0, to, 0, Math.min(from.length, to.length));
    }

    private static Instant earlier(Instant current, Instant candidate) {
        return current == null || candidate.isBefore(current) ? candidate : current;
    }

    private static Instant later(Instant current, Instant candidate) {
        return current == null || candidate.isAfter(current) ? candidate : current;
    }
}
