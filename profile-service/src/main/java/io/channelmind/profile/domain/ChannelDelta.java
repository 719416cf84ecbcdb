package io.channelmind.profile.domain;

import java.math.BigDecimal;
import java.time.Instant;

/** Changes that one batch makes to a profile's counters for one channel; added to the stored counters. */
public final class ChannelDelta {

    private final String profileKey;
    private final String channel;
    private long contacts;
    private long conversions;
    private BigDecimal conversionValue = BigDecimal.ZERO;
    private Instant lastContactAt;

    public ChannelDelta(String profileKey, String channel) {
        this.profileKey = profileKey;
        this.channel = channel;
    }

    public void addContact(Instant at) {
        contacts++;
        if (lastContactAt == null || at.isAfter(lastContactAt)) {
            lastContactAt = at;
        }
    }

    public void addConversion(BigDecimal value) {
        conversions++;
        if (value != null) {
            conversionValue = conversionValue.add(value);
        }
    }

    public String profileKey() {
        return profileKey;
    }

    public String channel() {
        return channel;
    }

    public long contacts() {
        return contacts;
    }

    public long conversions() {
        return conversions;
    }

    public BigDecimal conversionValue() {
        return conversionValue;
    }

    public Instant lastContactAt() {
        return lastContactAt;
    }
}
