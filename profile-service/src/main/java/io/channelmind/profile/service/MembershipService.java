package io.channelmind.profile.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.channelmind.profile.domain.Membership;
import io.channelmind.profile.domain.Profile;
import io.channelmind.profile.domain.SegmentMembershipEvent;
import io.channelmind.profile.repository.SegmentMemberRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;

/** Evaluates segments for profiles and stores the resulting membership changes. */
@ApplicationScoped
public class MembershipService {

    private final SegmentMemberRepository segments;

    public MembershipService(SegmentMemberRepository segments) {
        this.segments = segments;
    }

    /**
     * Evaluates every segment for every profile, stores entries and exits, and returns them as
     * events to publish once the transaction has committed. The caller must hold locks on the
     * profiles, so that no other transaction changes them or their memberships meanwhile.
     */
    public Uni<List<SegmentMembershipEvent>> reevaluate(SqlClient client, List<CompiledSegment> compiled,
            Collection<Profile> profiles) {
        if (compiled.isEmpty() || profiles.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<String> names = compiled.stream().map(CompiledSegment::name).toList();
        List<String> keys = profiles.stream().map(Profile::profileKey).toList();
        return segments.memberships(client, names, keys).chain(current -> {
            List<SegmentMembershipEvent> changes = diff(compiled, profiles, current, Instant.now());
            return segments.apply(client, changes).replaceWith(changes);
        });
    }

    /** Returns the entries and exits that turn {@code current} into the memberships the rules give. */
    static List<SegmentMembershipEvent> diff(List<CompiledSegment> compiled, Collection<Profile> profiles,
            Set<Membership> current, Instant at) {
        List<SegmentMembershipEvent> changes = new ArrayList<>();
        for (Profile profile : profiles) {
            for (CompiledSegment segment : compiled) {
                boolean member = segment.rule().matches(profile);
                boolean wasMember = current.contains(new Membership(segment.name(), profile.profileKey()));
                if (member != wasMember) {
                    changes.add(SegmentMembershipEvent.of(segment.name(), profile.profileKey(), member, at));
                }
            }
        }
        return changes;
    }
}
