package io.channelmind.profile.domain;

import java.util.Map;

/** A member of a segment with the contact points and consent a sender needs. */
public record SegmentMember(
        String profileKey,
        String email,
        String phone,
        String firstName,
        String locale,
        String timeZone,
        Map<String, Boolean> consent) {
}
