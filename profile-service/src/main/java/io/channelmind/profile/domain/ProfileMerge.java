package io.channelmind.profile.domain;

import java.time.Instant;

/**
 * One profile merged into another: {@code reason} is {@code alias}, {@code identify} (an
 * identify call with both a userId and an anonymousId), {@code email} or {@code phone} (a shared
 * contact point), and {@code causeEventId} the customer event that caused it.
 */
public record ProfileMerge(String survivingKey, String mergedKey, String reason, String causeEventId,
        Instant occurredAt) {

    public static final String ALIAS = "alias";
    public static final String IDENTIFY = "identify";
}
