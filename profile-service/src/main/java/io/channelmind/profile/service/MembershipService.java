package io.channelmind.profile.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.channelmind.profile.domain.Membership;
import io.channelmind.profile.domain.Profile;
import io.channelmind.profile.domain.SegmentMembershipEvent;
import io.channelmind.profile.repository.ActivityRepository;
import io.channelmind.profile.repository.ActivityRepository.Span;
import io.channelmind.profile.repository.SegmentMemberRepository;
import io.channelmind.profile.service.ChannelPriors.PopulationRates;
import io.channelmind.profile.service.ChannelPriors.SmoothedRates;
import io.channelmind.profile.rule.Evaluation;
import io.channelmind.profile.rule.RateSmoothing;
import io.channelmind.profile.rule.Window;
import io.channelmind.profile.rule.WindowTotals;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;

/**
 * Evaluates segments for profiles and stores the resulting membership changes. Each segment is
 * evaluated at its {@code asOf}, else at {@code channelmind.profile.rule-as-of}, else at the
 * clock, and {@code recencyDays} and event windows end at that time.
 */
@ApplicationScoped
public class MembershipService {

    private final SegmentMemberRepository segments;
    private final ActivityRepository activity;
    private final ChannelPriors priors;
    private final Optional<Instant> defaultAsOf;

    public MembershipService(SegmentMemberRepository segments, ActivityRepository activity, ChannelPriors priors,
            @ConfigProperty(name = "channelmind.profile.rule-as-of") Optional<Instant> defaultAsOf) {
        this.segments = segments;
        this.activity = activity;
        this.priors = priors;
        this.defaultAsOf = defaultAsOf;
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
        return evaluator(client, compiled, keys).chain(evaluator -> segments.memberships(client, names, keys)
                .chain(current -> {
                    List<SegmentMembershipEvent> changes = diff(compiled, profiles, current, evaluator, Instant.now());
                    return segments.apply(client, changes).replaceWith(changes);
                }));
    }

    /** Returns the profiles that match the segment, in their order, without storing anything. */
    public Uni<List<Profile>> matching(SqlClient client, CompiledSegment segment, List<Profile> profiles) {
        if (profiles.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<String> keys = profiles.stream().map(Profile::profileKey).toList();
        return evaluator(client, List.of(segment), keys).map(evaluator -> profiles.stream()
                .filter(profile -> segment.rule().matches(profile, evaluator.evaluation(segment, profile)))
                .toList());
    }

    /**
     * Loads the window totals that the segments' rules read for the profiles and the channels'
     * population rates that smooth per-channel rates.
     */
    private Uni<Evaluator> evaluator(SqlClient client, List<CompiledSegment> compiled, List<String> keys) {
        Instant clock = Instant.now();
        Map<String, Instant> times = new HashMap<>();
        Set<Span> spans = new LinkedHashSet<>();
        for (CompiledSegment segment : compiled) {
            Instant now = evaluationTime(segment, clock);
            times.put(segment.name(), now);
            segment.rule().windows().forEach(window -> spans.add(span(window, now)));
        }
        return activity.totals(client, keys, List.copyOf(spans))
                .chain(totals -> priors.populationRates()
                        .map(population -> new Evaluator(times, totals, smoothing(population))));
    }

    private RateSmoothing smoothing(Map<String, PopulationRates> population) {
        return (stats, rate) -> {
            SmoothedRates smoothed = priors.smooth(population, stats);
            return switch (rate) {
                case RESPONSE -> smoothed.response();
                case OPEN -> smoothed.open();
                case CLICK -> smoothed.click();
                case CONVERSION -> smoothed.conversion();
            };
        };
    }

    /** Returns the time a segment is evaluated at. */
    Instant evaluationTime(CompiledSegment segment, Instant clock) {
        if (segment.asOf() != null) {
            return segment.asOf();
        }
        return defaultAsOf.orElse(clock);
    }

    private static Span span(Window window, Instant now) {
        return new Span(window.kind(), now.minus(window.length()), now);
    }

    /** The evaluation times per segment name, the loaded window totals per profile key and the rate smoothing. */
    private record Evaluator(Map<String, Instant> times, Map<String, Map<Span, WindowTotals>> totals,
            RateSmoothing rates) {

        Evaluation evaluation(CompiledSegment segment, Profile profile) {
            Instant now = times.get(segment.name());
            Map<Span, WindowTotals> own = totals.getOrDefault(profile.profileKey(), Map.of());
            Map<Window, WindowTotals> windows = new HashMap<>();
            for (Window window : segment.rule().windows()) {
                windows.put(window, own.getOrDefault(span(window, now), WindowTotals.NONE));
            }
            return new Evaluation(now, windows, rates);
        }
    }

    /** Returns the entries and exits that turn {@code current} into the memberships the rules give. */
    private static List<SegmentMembershipEvent> diff(List<CompiledSegment> compiled, Collection<Profile> profiles,
            Set<Membership> current, Evaluator evaluator, Instant at) {
        List<SegmentMembershipEvent> changes = new ArrayList<>();
        for (Profile profile : profiles) {
            for (CompiledSegment segment : compiled) {
                boolean member = segment.rule().matches(profile, evaluator.evaluation(segment, profile));
                boolean wasMember = current.contains(new Membership(segment.name(), profile.profileKey()));
                if (member != wasMember) {
                    changes.add(SegmentMembershipEvent.of(segment.name(), profile.profileKey(), member, at));
                }
            }
        }
        return changes;
    }
}
