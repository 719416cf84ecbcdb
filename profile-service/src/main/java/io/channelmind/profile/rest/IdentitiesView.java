package io.channelmind.profile.rest;

import java.time.Instant;
import java.util.List;

import io.channelmind.profile.domain.Identity;
import io.channelmind.profile.service.ProfileService.IdentityHistory;

/** The identities of one profile and the merges into it, oldest first. */
public record IdentitiesView(String profileKey, List<Identity> identities, List<MergeView> merges) {

    /** One profile merged into this one, or into a profile that was later merged into this one. */
    public record MergeView(String mergedProfileKey, String survivingProfileKey, String reason, String causeEventId,
            Instant occurredAt) {
    }

    static IdentitiesView from(String profileKey, IdentityHistory history) {
        List<MergeView> merges = history.merges().stream()
                .map(merge -> new MergeView(merge.mergedKey(), merge.survivingKey(), merge.reason(), merge.causeEventId(), merge.occurredAt()))
                .toList();
        return new IdentitiesView(profileKey, history.identities(), merges);
    }
}
