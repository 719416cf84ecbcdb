package io.channelmind.web.privacy;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;

/**
 * Reads the PostgreSQL catalogue of the current schema, which the export and erasure of a person
 * scan at request time so that tables added by later migrations are covered.
 */
public final class SchemaCatalog {

    private static final String FOREIGN_KEYS = """
            select child.relname, parent.relname from pg_constraint k
            join pg_class child on child.oid = k.conrelid
            join pg_class parent on parent.oid = k.confrelid
            join pg_namespace n on n.oid = child.relnamespace
            where k.contype = 'f' and n.nspname = current_schema()""";

    private SchemaCatalog() {
    }

    /** Returns, for each table with a foreign key, the tables it references. */
    public static Uni<Map<String, Set<String>>> referencedTables(SqlClient client) {
        return client.query(FOREIGN_KEYS).execute().map(keys -> {
            Map<String, Set<String>> referenced = new HashMap<>();
            for (Row key : keys) {
                referenced.computeIfAbsent(key.getString(0), table -> new HashSet<>()).add(key.getString(1));
            }
            return referenced;
        });
    }

    /** Returns the table name as a quoted SQL identifier. */
    public static String quoted(String table) {
        return '"' + table.replace("\"", "\"\"") + '"';
    }
}
