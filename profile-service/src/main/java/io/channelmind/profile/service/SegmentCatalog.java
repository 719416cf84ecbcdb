package io.channelmind.profile.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.channelmind.profile.domain.Segment;
import io.channelmind.profile.repository.SegmentRepository;
import io.channelmind.profile.rule.InvalidRuleException;
import io.channelmind.profile.rule.Rule;
import io.channelmind.profile.rule.RuleParser;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;

/** Loads segments with their parsed rules; each distinct rule text is parsed once per process. */
@ApplicationScoped
public class SegmentCatalog {

    private static final Logger LOG = Logger.getLogger(SegmentCatalog.class);

    private final SegmentRepository segments;
    private final Map<String, Rule> rulesByText = new ConcurrentHashMap<>();

    public SegmentCatalog(SegmentRepository segments) {
        this.segments = segments;
    }

    /** Parses a rule; throws {@link InvalidRuleException} when it does not follow the grammar. */
    public Rule compile(String rule) {
        return rulesByText.computeIfAbsent(rule, RuleParser::parse);
    }

    /**
     * Loads every segment with its parsed rule on the event batch connection {@code client}. A
     * stored rule that no longer parses is logged and its segment skipped, so one bad row cannot
     * stop event processing.
     */
    public Uni<List<CompiledSegment>> load(SqlClient client) {
        return segments.listInTransaction(client).map(all -> {
            List<CompiledSegment> compiled = new ArrayList<>(all.size());
            for (Segment segment : all) {
                try {
                    compiled.add(new CompiledSegment(segment.name(), compile(segment.rule()), segment.asOf()));
                } catch (InvalidRuleException e) {
                    LOG.errorf("Segment %s is skipped because its stored rule is invalid: %s", segment.name(),
                            e.getMessage());
                }
            }
            return compiled;
        });
    }
}
