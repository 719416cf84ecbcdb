package io.channelmind.profile.privacy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.channelmind.web.privacy.SchemaCatalog;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Finds the tables of the current schema that hold rows per person, by a {@code profile_key}
 * column, and orders them so that a table comes before the tables its foreign keys reference.
 * Reading the catalogue at request time means a table added by a later migration is exported and
 * erased without a change here.
 */
final class PersonTables {

    static final String PROFILE_KEY_COLUMN = "profile_key";

    private static final String TABLES = """
            select c.table_name from information_schema.columns c
            join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
            where c.table_schema = current_schema() and c.column_name = $1 and t.table_type = 'BASE TABLE'
            order by c.table_name""";

    private PersonTables() {
    }

    /** Returns the tables with a {@code profile_key} column, referencing tables first. */
    static Uni<List<String>> find(SqlClient client) {
        return client.preparedQuery(TABLES).execute(Tuple.of(PROFILE_KEY_COLUMN))
                .chain(rows -> {
                    Set<String> tables = new LinkedHashSet<>();
                    for (Row row : rows) {
                        tables.add(row.getString(0));
                    }
                    return SchemaCatalog.referencedTables(client).map(referenced -> referencingFirst(tables, referenced));
                });
    }

    /**
     * Orders the tables so that each comes before every table it references, directly or through
     * other tables of the set. A reference cycle keeps the catalogue order for the tables in it.
     */
    static List<String> referencingFirst(Set<String> tables, Map<String, Set<String>> referenced) {
        List<String> ordered = new ArrayList<>();
        Set<String> placed = new HashSet<>();
        while (ordered.size() < tables.size()) {
            boolean progress = false;
            for (String table : tables) {
                if (placed.contains(table) || isReferencedByPending(table, tables, placed, referenced)) {
                    continue;
                }
                ordered.add(table);
                placed.add(table);
                progress = true;
            }
            if (!progress) {
                tables.stream().filter(table -> !placed.contains(table)).forEach(table -> {
                    ordered.add(table);
                    placed.add(table);
                });
            }
        }
        return ordered;
    }

    private static boolean isReferencedByPending(String table, Set<String> tables, Set<String> placed,
            Map<String, Set<String>> referenced) {
        for (String other : tables) {
            if (!other.equals(table) && !placed.contains(other)
                    && referenced.getOrDefault(other, Set.of()).contains(table)) {
                return true;
            }
        }
        return false;
    }
}
