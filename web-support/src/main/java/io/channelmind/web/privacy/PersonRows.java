package io.channelmind.web.privacy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Exports and erases a person's rows. Every table of the schema with a {@code profile_key} column
 * is matched on the profile keys and every table with an {@code address_hash} column on the
 * identity hashes, found in the catalogue at request time so tables added by later migrations are
 * covered. The service's extra filters add the rows that name a person in other columns.
 */
public class PersonRows {

    private static final String COLUMNS = """
            select c.table_name, c.column_name from information_schema.columns c
            join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
            where c.table_schema = current_schema() and t.table_type = 'BASE TABLE'
              and c.column_name in ('profile_key', 'address_hash')
            order by c.table_name, c.column_name""";

    private final List<PersonFilter> extraFilters;

    /** Takes the filters of the rows that name a person in columns other than these two. */
    public PersonRows(List<PersonFilter> extraFilters) {
        this.extraFilters = List.copyOf(extraFilters);
    }

    /** Deletes the person's rows and returns the rows deleted per table, tables without any included. */
    public Uni<Map<String, Long>> erase(SqlClient client, PrivacyRequest request) {
        Map<String, Long> deleted = new LinkedHashMap<>();
        return filters(client).chain(filters -> Multi.createFrom().iterable(filters)
                .onItem().transformToUniAndConcatenate(filter -> client
                        .preparedQuery("delete from " + SchemaCatalog.quoted(filter.table()) + " t where " + filter.condition())
                        .execute(parameters(filter, request))
                        .invoke(rows -> deleted.merge(filter.table(), (long) rows.rowCount(), Long::sum)))
                .collect().last())
                .replaceWith(deleted);
    }

    /** Returns the person's rows per table as JSON objects. */
    public Uni<Map<String, Object>> export(SqlClient client, PrivacyRequest request) {
        Map<String, List<Object>> data = new LinkedHashMap<>();
        return filters(client).chain(filters -> Multi.createFrom().iterable(filters)
                .onItem().transformToUniAndConcatenate(filter -> client
                        .preparedQuery("select to_jsonb(t) from " + SchemaCatalog.quoted(filter.table()) + " t where " + filter.condition())
                        .execute(parameters(filter, request))
                        .invoke(rows -> {
                            List<Object> found = data.computeIfAbsent(filter.table(), table -> new ArrayList<>());
                            for (Row row : rows) {
                                found.add(((JsonObject) row.getValue(0)).getMap());
                            }
                        }))
                .collect().last())
                .replaceWith(() -> new LinkedHashMap<>(data));
    }

    private static Tuple parameters(PersonFilter filter, PrivacyRequest request) {
        List<String> values = filter.byHash() ? request.hashes() : request.profileKeys();
        return Tuple.of((Object) values.toArray(String[]::new));
    }

    /** Returns the filters of the discovered tables and the extra ones, referencing tables first. */
    private Uni<List<PersonFilter>> filters(SqlClient client) {
        return client.query(COLUMNS).execute().chain(columns -> {
            List<PersonFilter> filters = new ArrayList<>();
            for (Row column : columns) {
                String table = column.getString(0);
                filters.add("profile_key".equals(column.getString(1))
                        ? PersonFilter.byProfileKey(table, "t.profile_key = any($1)")
                        : PersonFilter.byIdentityHash(table, "t.address_hash = any($1)"));
            }
            filters.addAll(extraFilters);
            return SchemaCatalog.referencedTables(client).map(referenced -> referencingFirst(filters, referenced));
        });
    }

    /**
     * Orders the filters so that a table's rows are deleted before the rows of the tables it
     * references. A reference cycle keeps the catalogue order for the tables in it.
     */
    static List<PersonFilter> referencingFirst(List<PersonFilter> filters, Map<String, Set<String>> referenced) {
        List<PersonFilter> ordered = new ArrayList<>();
        List<PersonFilter> pending = new ArrayList<>(filters);
        while (!pending.isEmpty()) {
            List<PersonFilter> ready = pending.stream().filter(filter -> pending.stream().noneMatch(other ->
                    !other.table().equals(filter.table())
                            && referenced.getOrDefault(other.table(), Set.of()).contains(filter.table())))
                    .toList();
            List<PersonFilter> next = ready.isEmpty() ? List.copyOf(pending) : ready;
            ordered.addAll(next);
            pending.removeAll(next);
        }
        return ordered;
    }
}
