package io.channelmind.content.service;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.channelmind.content.domain.CopyVariant;
import io.channelmind.content.learning.ThompsonSampler;
import io.channelmind.content.learning.VariantReport;
import io.channelmind.content.learning.VariantStats;
import io.channelmind.content.repository.CopyVariantRepository;
import io.channelmind.web.audit.AuditAction;
import io.channelmind.web.audit.AuditLog;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** Lists and approves the variants of a campaign and reports how each performs. */
@ApplicationScoped
public class VariantService {

    private static final Logger LOG = Logger.getLogger(VariantService.class);
    /** The probability of converting best from which a variant counts as the winner of its group. */
    static final double WINNER_PROBABILITY = 0.95;
    /** Entity type of copies in the audit log. */
    static final String ENTITY = "copy";

    private final CopyVariantRepository repository;
    private final CopyService copies;
    private final ThompsonSampler sampler;
    private final ObjectMapper json;
    private final AuditLog audit;

    public VariantService(CopyVariantRepository repository, CopyService copies,
            @ConfigProperty(name = "channelmind.content.bandit.min-exploration-share") double minExplorationShare,
            @ConfigProperty(name = "channelmind.content.bandit.seed") long seed, ObjectMapper json, AuditLog audit) {
        this.json = json;
        this.audit = audit;
        this.repository = repository;
        this.copies = copies;
        this.sampler = new ThompsonSampler(minExplorationShare, ThompsonSampler.DEFAULT_DRAWS, seed);
    }

    /** Returns the variants of a campaign for a channel, and for one segment unless it is null. */
    public Uni<List<CopyVariant>> list(String campaign, String segment, String channel) {
        return Panache.withSession(() -> repository.findVariants(campaign, segment, channel));
    }

    /** A copy's approval in the audit log, with the campaign, segment and channel it was written for. */
    record ApprovalAudit(boolean approved, String campaign, String segment, String channel) {
    }

    /**
     * Marks a copy approved and records the approval in the audit log; fails with a 404 problem
     * when no copy has the id.
     */
    public Uni<CopyVariant> approve(String copyId) {
        return Panache.withTransaction(() -> copies.find(copyId).call(variant -> {
            ApprovalAudit before = new ApprovalAudit(variant.approved, variant.campaign, variant.segment, variant.channel);
            variant.approved = true;
            LOG.infof("Approved copy %s", variant.id);
            return audit.record(AuditAction.APPROVED, ENTITY, variant.id.toString(), before,
                    new ApprovalAudit(true, variant.campaign, variant.segment, variant.channel));
        }));
    }

    /**
     * Exports the approved copies and the winners (a probability of converting best of at
     * least {@value #WINNER_PROBABILITY} in their campaign, segment and channel) as OpenAI
     * chat fine-tuning JSONL, one copy a line, oldest first.
     */
    public Uni<String> fineTuningData() {
        return Panache.withSession(() -> repository.findTrainingCandidates()).map(candidates -> {
            Map<List<String>, List<CopyVariant>> groups = new LinkedHashMap<>();
            for (CopyVariant variant : candidates) {
                groups.computeIfAbsent(Arrays.asList(variant.campaign, variant.segment, variant.channel), key -> new ArrayList<>())
                        .add(variant);
            }
            StringBuilder lines = new StringBuilder();
            for (CopyVariant variant : candidates) {
                if (variant.approved || isWinner(variant, groups.get(Arrays.asList(variant.campaign, variant.segment, variant.channel)))) {
                    lines.append(FineTuningData.line(variant, json)).append('\n');
                }
            }
            return lines.toString();
        });
    }

    private boolean isWinner(CopyVariant variant, List<CopyVariant> group) {
        if (variant.campaign == null || group.size() < 2) {
            return false;
        }
        List<VariantReport> reports = sampler.report(stats(group));
        return reports.get(group.indexOf(variant)).probabilityBest() >= WINNER_PROBABILITY;
    }

    /** Reports each variant's posterior, probability of being best and traffic share, in list order. */
    public Uni<List<VariantReport>> report(String campaign, String segment, String channel) {
        return list(campaign, segment, channel).map(variants -> sampler.report(stats(variants)));
    }

    private static List<VariantStats> stats(List<CopyVariant> variants) {
        return variants.stream()
                .map(variant -> new VariantStats(variant.id.toString(), variant.sends, variant.clicks, variant.conversions))
                .toList();
    }
}
