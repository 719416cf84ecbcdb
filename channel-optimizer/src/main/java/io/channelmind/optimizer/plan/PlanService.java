package io.channelmind.optimizer.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.channelmind.optimizer.allocation.AllocationPlan;
import io.channelmind.optimizer.allocation.AllocationRequest;
import io.channelmind.optimizer.allocation.BudgetAllocator;
import io.channelmind.optimizer.allocation.ChannelAllocation;
import io.channelmind.optimizer.messaging.BudgetPlanPublisher;
import io.channelmind.optimizer.repository.CurveFitRepository;
import io.channelmind.optimizer.repository.PlanRepository;
import io.channelmind.web.Problem;
import io.channelmind.web.audit.AuditAction;
import io.channelmind.web.audit.AuditLog;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** Creates, reads, compares and accepts budget plans; an accepted plan is published on Kafka. */
@ApplicationScoped
public class PlanService {

    private static final Logger LOG = Logger.getLogger(PlanService.class);
    /** Entity type of budget plans in the audit log. */
    static final String ENTITY = "budget-plan";

    private final PlanRepository plans;
    private final CurveFitRepository fits;
    private final BudgetPlanPublisher publisher;
    private final AuditLog audit;

    public PlanService(PlanRepository plans, CurveFitRepository fits, BudgetPlanPublisher publisher, AuditLog audit) {
        this.plans = plans;
        this.fits = fits;
        this.publisher = publisher;
        this.audit = audit;
    }

    /** A budget plan in the audit log: its status, totals and the proposed spend per channel, without the curves. */
    record PlanAudit(String name, String status, double plannedSpend, double expectedOutcome,
            Map<String, Double> proposedSpend) {

        static PlanAudit of(StoredPlan stored) {
            Map<String, Double> spend = new TreeMap<>();
            stored.plan().channels().forEach(channel -> spend.put(channel.channel(), channel.proposedSpend()));
            return new PlanAudit(stored.name(), stored.status(), stored.plan().plannedSpend(),
                    stored.plan().expectedOutcome(), spend);
        }
    }

    /** A budget plan's status in the audit log. */
    record StatusAudit(String status) {
    }

    /**
     * Plans the request and stores the result as a proposed plan, with the request as planned: a
     * request with a fitId is stored with the fit's curves filled in. Invalid requests fail with
     * an InvalidAllocationException, and an unknown fitId with a 404 problem.
     */
    public Uni<StoredPlan> create(String name, AllocationRequest request) {
        if (request.fitId() == null) {
            return insert(name, request);
        }
        return Panache.withSession(() -> fits.find(request.fitId())).chain(fit -> {
            if (fit == null) {
                throw Problem.of(404, "curve-fit-not-found", "Curve fit not found")
                        .detail("No curve fit has the id " + request.fitId())
                        .error("allocation.fitId", request.fitId().toString(),
                                "Use an id returned by POST /api/v1/curve-fits or GET /api/v1/curve-fits")
                        .toException();
            }
            return insert(name, FitCurves.apply(request, fit));
        });
    }

    /** Returns the newest plans first, at most {@code limit}. */
    public Uni<List<PlanRepository.PlanSummary>> list(int limit) {
        return Panache.withSession(() -> plans.list(limit));
    }

    private Uni<StoredPlan> insert(String name, AllocationRequest request) {
        AllocationPlan plan = BudgetAllocator.allocate(request);
        return Panache.withTransaction(() -> plans.insert(name, request, plan)
                .call(stored -> audit.record(AuditAction.CREATED, ENTITY, stored.id().toString(), null,
                        PlanAudit.of(stored))))
                .invoke(stored -> LOG.infof("Created budget plan %s for %d channels", stored.id(),
                        plan.channels().size()));
    }

    /** Returns the plan or raises a 404 problem. */
    public Uni<StoredPlan> get(UUID id) {
        return Panache.withSession(() -> plans.find(id)).map(stored -> {
            if (stored == null) {
                throw notFound(id);
            }
            return stored;
        });
    }

    /** Returns the plans side by side, in the order given. */
    public Uni<PlanComparison> compare(List<UUID> ids) {
        return Panache.withSession(() -> {
            Uni<List<StoredPlan>> all = Uni.createFrom().item(new ArrayList<>());
            for (UUID id : ids) {
                all = all.chain(list -> plans.find(id).map(stored -> {
                    if (stored == null) {
                        throw notFound(id);
                    }
                    list.add(stored);
                    return list;
                }));
            }
            return all;
        }).map(PlanService::comparison);
    }

    /**
     * Publishes the plan on cm.budget-plans, then marks it accepted. A plan that was accepted
     * before gets a 409 problem. Publishing first means a failed status update leaves the plan
     * proposed, so the user can accept again, and the repeated event carries the same eventId.
     */
    public Uni<StoredPlan> accept(UUID id) {
        java.time.Instant acceptedAt = java.time.Instant.now();
        return get(id)
                .invoke(stored -> {
                    if (StoredPlan.ACCEPTED.equals(stored.status())) {
                        throw Problem.of(409, "plan-already-accepted", "Plan already accepted")
                                .detail("Plan " + id + " was accepted at " + stored.acceptedAt())
                                .error("id", id.toString(), "Create a new plan to change the budget again")
                                .toException();
                    }
                })
                .call(stored -> publisher.publish(stored, acceptedAt))
                .chain(stored -> Panache.withTransaction(() -> plans.accept(id).call(at -> recordAccepted(id, at)))
                        .map(at -> {
                            if (at == null) {
                                throw Problem.of(409, "plan-already-accepted", "Plan already accepted")
                                        .detail("Plan " + id + " was accepted by another request")
                                        .error("id", id.toString(), "Read the plan again; it is accepted")
                                        .toException();
                            }
                            LOG.infof("Accepted budget plan %s and published it", id);
                            return new StoredPlan(stored.id(), stored.name(), StoredPlan.ACCEPTED, stored.request(),
                                    stored.plan(), stored.createdAt(), at);
                        }));
    }

    /** Records the acceptance in its transaction; a null time means another request accepted the plan first. */
    private Uni<Void> recordAccepted(UUID id, Object acceptedAt) {
        if (acceptedAt == null) {
            return Uni.createFrom().voidItem();
        }
        return audit.record(AuditAction.APPROVED, ENTITY, id.toString(), new StatusAudit(StoredPlan.PROPOSED),
                new StatusAudit(StoredPlan.ACCEPTED));
    }

    private static PlanComparison comparison(List<StoredPlan> stored) {
        List<PlanComparison.PlanTotals> totals = stored.stream()
                .map(plan -> new PlanComparison.PlanTotals(plan.id(), plan.name(), plan.status(),
                        plan.plan().plannedSpend(), plan.plan().expectedOutcome(), plan.plan().expectedRoas()))
                .toList();
        Map<String, Double[][]> byChannel = new TreeMap<>();
        for (int p = 0; p < stored.size(); p++) {
            for (ChannelAllocation channel : stored.get(p).plan().channels()) {
                Double[][] cells = byChannel.computeIfAbsent(channel.channel(),
                        key -> new Double[2][stored.size()]);
                cells[0][p] = channel.proposedSpend();
                cells[1][p] = channel.expectedOutcome();
            }
        }
        List<PlanComparison.ChannelRow> rows = new ArrayList<>();
        byChannel.forEach((channel, cells) -> rows.add(new PlanComparison.ChannelRow(channel,
                java.util.Arrays.asList(cells[0]), java.util.Arrays.asList(cells[1]))));
        return new PlanComparison(totals, rows);
    }

    private static RuntimeException notFound(UUID id) {
        return Problem.of(404, "plan-not-found", "Plan not found")
                .detail("No budget plan has the id " + id)
                .error("id", id.toString(), "Use an id returned by POST /api/v1/plans")
                .toException();
    }
}
