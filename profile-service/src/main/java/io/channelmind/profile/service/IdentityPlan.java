package io.channelmind.profile.service;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import io.channelmind.profile.domain.CustomerEvent;
import io.channelmind.profile.domain.Identity;
import io.channelmind.profile.domain.ProfileDraft;
import io.channelmind.profile.domain.ProfileMerge;

/**
 * Resolves the events of one batch to profiles and decides which profiles merge, in memory,
 * starting from the stored owners of the batch's identities and the locked drafts of those
 * owners. Merge rules:
 * <ul>
 * <li>{@code alias}: the profile of {@code previousId} merges into the event's profile;</li>
 * <li>an event with both a {@code userId} and an {@code anonymousId}: the anonymous profile
 * merges into the user's;</li>
 * <li>an identify whose e-mail or phone already belongs to another profile: an anonymous profile
 * merges into a known one, and of two anonymous profiles the one that held the contact point
 * first survives. Two known profiles never merge on a contact point, because households share
 * mailboxes and phones: the identity stays with its first profile and the case is counted.</li>
 * </ul>
 * Events are applied after all merges, to the final surviving profile of their key. Counters add
 * up and traits follow {@link ProfileDraft#absorb}, so the result does not depend on whether an
 * event came before or after the merge in the batch.
 */
final class IdentityPlan {

    private final Map<Identity, String> owners;
    private final Map<String, ProfileDraft> drafts;
    private final Set<String> stored;
    private final Map<Identity, String> created = new TreeMap<>();
    private final Map<String, String> mergedInto = new LinkedHashMap<>();
    private final List<ProfileMerge> merges = new ArrayList<>();
    private int contactPointConflicts;

    /**
     * @param owners the stored owner of each identity that the batch mentions and that exists
     * @param drafts the locked drafts of the stored profiles among those owners and event keys
     */
    IdentityPlan(Map<Identity, String> owners, Map<String, ProfileDraft> drafts) {
        this.owners = new TreeMap<>(owners);
        this.drafts = new TreeMap<>(drafts);
        this.stored = Set.copyOf(drafts.keySet());
    }

    /** Returns every identity that the events mention: their keys, linked keys and contact points. */
    static Set<Identity> identitiesOf(Collection<CustomerEvent> events) {
        Set<Identity> identities = new TreeSet<>();
        for (CustomerEvent event : events) {
            identities.add(Identity.profileKey(event.profileKey()));
            String linked = event.linkedProfileKey();
            if (linked != null) {
                identities.add(Identity.profileKey(linked));
            }
            identities.addAll(contactPoints(event));
        }
        return identities;
    }

    /** Resolves every event and performs the merges they imply, in event order. */
    void resolve(List<CustomerEvent> events) {
        for (CustomerEvent event : events) {
            String profile = profileOf(event);
            String linked = event.linkedProfileKey();
            if (linked != null) {
                String reason = CustomerEvent.ALIAS.equals(event.type()) ? ProfileMerge.ALIAS : ProfileMerge.IDENTIFY;
                profile = link(Identity.profileKey(linked), profile, event, reason, true);
            }
            for (Identity contactPoint : contactPoints(event)) {
                profile = link(contactPoint, profile, event, contactPoint.kind(), false);
            }
        }
    }

    /** Returns the surviving profile of a key that an event was sent under, after all merges. */
    String survivorOf(String profileKey) {
        return canonical(owners.get(Identity.profileKey(profileKey)));
    }

    /** Returns the drafts of the surviving profiles, sorted by key. */
    Map<String, ProfileDraft> survivors() {
        return drafts;
    }

    /** Returns the identities that are not stored yet, each with its surviving profile, sorted. */
    Map<Identity, String> newIdentities() {
        Map<Identity, String> resolved = new TreeMap<>();
        created.forEach((identity, profile) -> resolved.put(identity, canonical(profile)));
        return resolved;
    }

    /** Returns the stored profiles that were merged away, each with its surviving profile, sorted by merged key. */
    Map<String, String> storedMerged() {
        Map<String, String> merged = new TreeMap<>();
        mergedInto.keySet().stream().filter(stored::contains).forEach(key -> merged.put(key, canonical(key)));
        return merged;
    }

    /** Returns the merges in the order they happened, each naming the final surviving profile. */
    List<ProfileMerge> merges() {
        return merges.stream()
                .map(merge -> new ProfileMerge(canonical(merge.survivingKey()), merge.mergedKey(), merge.reason(),
                        merge.causeEventId(), merge.occurredAt()))
                .toList();
    }

    /** Returns how many times a contact point of a known profile was seen on another known profile. */
    int contactPointConflicts() {
        return contactPointConflicts;
    }

    private String profileOf(CustomerEvent event) {
        Identity key = Identity.profileKey(event.profileKey());
        String owner = owners.get(key);
        if (owner != null) {
            return canonical(owner);
        }
        ProfileDraft draft = ProfileDraft.create(event.profileKey(), event.occurredAt());
        draft.anonymous(event.isAnonymous());
        drafts.put(event.profileKey(), draft);
        own(key, event.profileKey());
        return event.profileKey();
    }

    /**
     * Links {@code identity} to {@code profile}, merging when it already belongs to another
     * profile and the rules allow it, and returns the profile the event now belongs to.
     * {@code explicit} links (alias, userId with anonymousId) always merge into {@code profile}.
     */
    private String link(Identity identity, String profile, CustomerEvent event, String reason, boolean explicit) {
        String owner = owners.get(identity);
        if (owner == null) {
            own(identity, profile);
            return profile;
        }
        owner = canonical(owner);
        if (owner.equals(profile)) {
            return profile;
        }
        if (explicit || draft(owner).anonymous() && !draft(profile).anonymous()) {
            merge(owner, profile, event, reason);
            return profile;
        }
        if (draft(profile).anonymous()) {
            merge(profile, owner, event, reason);
            return owner;
        }
        contactPointConflicts++;
        return profile;
    }

    private void merge(String merged, String survivor, CustomerEvent event, String reason) {
        draft(survivor).absorb(draft(merged));
        drafts.remove(merged);
        mergedInto.put(merged, survivor);
        merges.add(new ProfileMerge(survivor, merged, reason, event.eventId(), event.occurredAt()));
    }

    private void own(Identity identity, String profile) {
        owners.put(identity, profile);
        created.put(identity, profile);
    }

    private ProfileDraft draft(String profile) {
        ProfileDraft draft = drafts.get(profile);
        if (draft == null) {
            // A stored identity points at a profile that the lock did not return: another
            // transaction merged it after this one resolved its identities.
            throw new IdentityConflictException("Profile " + profile + " was merged by a concurrent transaction");
        }
        return draft;
    }

    private String canonical(String profile) {
        String current = profile;
        while (current != null && mergedInto.containsKey(current)) {
            current = mergedInto.get(current);
        }
        return current;
    }

    private static List<Identity> contactPoints(CustomerEvent event) {
        if (!CustomerEvent.IDENTIFY.equals(event.type()) || event.traits() == null) {
            return List.of();
        }
        List<Identity> identities = new ArrayList<>(2);
        if (event.traits().get("email") instanceof String email && Identity.email(email) != null) {
            identities.add(Identity.email(email));
        }
        if (event.traits().get("phone") instanceof String phone && Identity.phone(phone) != null) {
            identities.add(Identity.phone(phone));
        }
        return identities;
    }
}
