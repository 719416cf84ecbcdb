package io.channelmind.web.privacy;

/**
 * Rows of one table that belong to a person: {@code condition} is an SQL condition on the table
 * alias {@code t} with one parameter, {@code $1}, bound to the person's profile keys or, when
 * {@code byHash} is true, to their identity hashes (both {@code text[]}).
 */
public record PersonFilter(String table, String condition, boolean byHash) {

    public static PersonFilter byProfileKey(String table, String condition) {
        return new PersonFilter(table, condition, false);
    }

    public static PersonFilter byIdentityHash(String table, String condition) {
        return new PersonFilter(table, condition, true);
    }
}
