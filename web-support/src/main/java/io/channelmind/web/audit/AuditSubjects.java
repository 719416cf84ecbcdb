package io.channelmind.web.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Maps data subjects (customers, by profile key) to the random pseudonyms that name them in the
 * audit log, in the table {@code audit_subject}. Erasing a subject deletes its mapping and
 * appends an {@code erased} entry under the pseudonym, so the subject's entries stay in the
 * append-only log but no row links them to the person any more.
 */
@ApplicationScoped
public class AuditSubjects {

    /** Entity type of the entry that records a subject's erasure. */
    public static final String SUBJECT_ENTITY = "subject";

    private static final Logger LOG = Logger.getLogger(AuditSubjects.class);
    private static final String INSERT = """
            insert into audit_subject (subject_key, pseudonym) values ($1, $2) on conflict (subject_key) do nothing""";
    private static final String SELECT = "select pseudonym from audit_subject where subject_key = $1";
    private static final String DELETE = "delete from audit_subject where subject_key = any($1) returning pseudonym";

    private final AuditLog log;

    public AuditSubjects(AuditLog log) {
        this.log = log;
    }

    /**
     * Finds the subject's pseudonym, or creates it in the transaction for the subject's first
     * entry. The pseudonym is random, so nothing but the mapping row links it to the key.
     */
    public Uni<UUID> pseudonym(SqlClient transaction, String subjectKey) {
        // Two statements, not one upsert: a concurrent first entry for the same subject makes the
        // insert do nothing, and only a new statement can read the row the other transaction committed.
        return transaction.preparedQuery(INSERT).execute(Tuple.of(subjectKey, UUID.randomUUID()))
                .chain(() -> transaction.preparedQuery(SELECT).execute(Tuple.of(subjectKey)))
                .map(rows -> rows.iterator().next().getUUID(0));
    }

    /**
     * Deletes the subjects' pseudonyms and appends an {@code erased} entry for each, in the
     * erasure's transaction. Returns the number of pseudonyms deleted, 0 for subjects that have
     * no entry.
     */
    public Uni<Long> erase(SqlClient transaction, List<String> subjectKeys) {
        return transaction.preparedQuery(DELETE).execute(Tuple.of((Object) subjectKeys.toArray(String[]::new)))
                .chain(rows -> {
                    List<UUID> pseudonyms = new ArrayList<>();
                    for (Row row : rows) {
                        pseudonyms.add(row.getUUID(0));
                    }
                    if (pseudonyms.isEmpty()) {
                        return Uni.createFrom().item(0L);
                    }
                    return Multi.createFrom().iterable(pseudonyms).onItem()
                            .transformToUniAndConcatenate(pseudonym -> log.record(transaction, AuditAction.ERASED,
                                    SUBJECT_ENTITY, pseudonym.toString(), pseudonym, null, null))
                            .collect().last()
                            .invoke(() -> LOG.debugf("Audit: erased %d subject pseudonyms", pseudonyms.size()))
                            .replaceWith((long) pseudonyms.size());
                });
    }
}
