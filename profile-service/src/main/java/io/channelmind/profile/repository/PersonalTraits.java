package io.channelmind.profile.repository;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Row;

/**
 * Splits a profile's free traits into the ones that name the person, which are stored encrypted
 * in {@code profile.personal_traits_encrypted} as one JSON object, and the others, which stay in
 * the plaintext {@code traits} column. The names come from {@code channelmind.profile.personal-traits}
 * and match exactly, case included.
 */
@ApplicationScoped
public class PersonalTraits {

    /** The plaintext name of the encrypted column, bound into each ciphertext. */
    static final String COLUMN = "personal_traits";

    private final Set<String> names;
    private final ContactPointColumns columns;
    private final JsonColumns json;

    public PersonalTraits(@ConfigProperty(name = "channelmind.profile.personal-traits") List<String> names,
            ContactPointColumns columns, JsonColumns json) {
        this.names = Set.copyOf(names);
        this.columns = columns;
        this.json = json;
    }

    /** The traits of one profile, split into the plaintext and the personal ones. */
    public record Split(Map<String, Object> plain, Map<String, Object> personal) {
    }

    /** Returns the configured trait names, for SQL that finds rows with personal traits in plaintext. */
    public String[] names() {
        return names.toArray(String[]::new);
    }

    /** Splits the traits. A null map gives two empty ones. */
    public Split split(Map<String, Object> traits) {
        Map<String, Object> plain = new LinkedHashMap<>();
        Map<String, Object> personal = new LinkedHashMap<>();
        if (traits != null) {
            traits.forEach((name, value) -> (names.contains(name) ? personal : plain).put(name, value));
        }
        return new Split(plain, personal);
    }

    /** Encrypts the personal traits as one JSON object, or returns null when there are none. */
    public Buffer encrypt(Map<String, Object> personal) {
        return personal.isEmpty() ? null : columns.encrypt(COLUMN, json.write(personal));
    }

    /**
     * Returns the row's traits with its decrypted personal traits added, the whole set that was
     * stored. Personal traits still in the plaintext column (rows written before encryption) stay.
     */
    public Map<String, Object> read(Row row) {
        Map<String, Object> traits = new LinkedHashMap<>(json.readObject(row.getString("traits")));
        io.vertx.mutiny.core.buffer.Buffer encrypted = row.getBuffer(COLUMN + "_encrypted");
        if (encrypted != null) {
            traits.putAll(json.readObject(columns.decrypt(COLUMN, encrypted.getBytes())));
        }
        return traits;
    }
}
