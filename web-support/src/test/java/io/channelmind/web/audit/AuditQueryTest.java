package io.channelmind.web.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.channelmind.web.Problem;
import io.channelmind.web.ProblemException;

class AuditQueryTest {

    @Test
    void emptyQueryUsesDefaults() {
        AuditQuery query = AuditQuery.parse(null, null, null, null, null, null, null, null, null);

        assertEquals(Optional.empty(), query.action());
        assertEquals(AuditQuery.DEFAULT_LIMIT, query.limit());
    }

    @Test
    void filtersParsed() {
        AuditQuery query = AuditQuery.parse("campaign", "c1", "p-1", "ann", "launched", "2030-01-01T00:00:00Z",
                "2030-02-01T00:00:00Z", "42", "10");

        assertEquals(Optional.of("campaign"), query.entityType());
        assertEquals(Optional.of("c1"), query.entityId());
        assertEquals(Optional.of("p-1"), query.subjectKey());
        assertEquals(Optional.of("ann"), query.actor());
        assertEquals(Optional.of(AuditAction.LAUNCHED), query.action());
        assertEquals(Optional.of(Instant.parse("2030-01-01T00:00:00Z")), query.from());
        assertEquals(Optional.of(42L), query.before());
        assertEquals(10, query.limit());
    }

    @Test
    void badFiltersListedTogether() {
        ProblemException failure = assertThrows(ProblemException.class,
                () -> AuditQuery.parse(null, null, null, null, "exploded", "yesterday", null, "-1", "501"));

        Problem problem = failure.problem();
        assertEquals(400, problem.getStatus());
        assertEquals("urn:channelmind:problem:invalid-audit-query", problem.getType());
        assertEquals(4, problem.getErrors().size());
        assertEquals("action", problem.getErrors().get(0).field());
        assertEquals("exploded", problem.getErrors().get(0).value());
        assertEquals("from", problem.getErrors().get(1).field());
        assertEquals("before", problem.getErrors().get(2).field());
        assertEquals("limit", problem.getErrors().get(3).field());
    }

    @Test
    void toBeforeFromRejected() {
        ProblemException failure = assertThrows(ProblemException.class, () -> AuditQuery.parse(null, null, null, null,
                null, "2030-02-01T00:00:00Z", "2030-01-01T00:00:00Z", null, null));

        assertEquals("to", failure.problem().getErrors().get(0).field());
    }
}
