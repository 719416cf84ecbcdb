package io.channelmind.automation.journey;

import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.channelmind.web.crypto.EnvelopeCipher;
import io.channelmind.web.crypto.KeyMaintenance.Page;
import io.channelmind.web.crypto.SealedValue;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Encrypts the traits of {@code journey_profile} that name or contact a person into its
 * {@code personal_traits} column, one envelope ciphertext per trait, bound to the trait's name.
 * Reads return them as {@link SealedValue}s, which a journey step decrypts only to address a
 * message or fill a placeholder.
 */
@ApplicationScoped
public class PersonalTraitStore {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, String>> STRINGS = new TypeReference<>() {
    };
    private static final TypeReference<Map<String, Object>> VALUES = new TypeReference<>() {
    };
    private static final String LOCK_PAGE = """
            select profile_key, traits::text, personal_traits::text from journey_profile
            where profile_key > $1 and (traits ?| $2 or personal_key_id <> $3)
            order by profile_key limit $4 for update skip locked""";
    // The JSON travels as text, because the client would send a String bound to jsonb as a JSON string.
    private static final String UPDATE_ROW = """
            update journey_profile set traits = $2::text::jsonb, personal_traits = $3::text::jsonb,
                personal_key_id = $4
            where profile_key = $1""";

    private final EnvelopeCipher cipher;
    private final Set<String> personalNames;
    private final Pool pool;

    public PersonalTraitStore(EnvelopeCipher cipher, JourneyConfig config, Pool pool) {
        this.cipher = cipher;
        this.personalNames = Set.copyOf(config.personalTraits());
        this.pool = pool;
    }

    /** Returns whether {@code name} is a trait that is stored encrypted. */
    public boolean isPersonal(String name) {
        return personalNames.contains(name);
    }

    /** Returns the names stored encrypted, for SQL that removes them from {@code traits}. */
    String[] personalNames() {
        return personalNames.toArray(String[]::new);
    }

    /** Encrypts each value as its text; returns the JSON of {@code personal_traits}. */
    String encrypt(Map<String, String> personal) {
        Map<String, String> sealed = new LinkedHashMap<>();
        personal.forEach((name, value) -> sealed.put(name,
                Base64.getEncoder().encodeToString(cipher.encrypt(context(name), value))));
        return write(sealed);
    }

    /** Returns the id of the data key that encrypts new values. */
    int activeKeyId() {
        return cipher.keyring().activeId();
    }

    /** Returns the stored values of {@code personal_traits} as sealed values, by trait name. */
    Map<String, SealedValue> sealed(String personalTraitsJson) {
        Map<String, SealedValue> values = new LinkedHashMap<>();
        read(personalTraitsJson, STRINGS).forEach((name, base64) -> values.put(name,
                SealedValue.of(cipher, context(name), Base64.getDecoder().decode(base64))));
        return values;
    }

    /**
     * Moves the personal traits of up to {@code limit} rows after {@code after} that keep them in
     * plaintext or under an older data key into {@code personal_traits} under the active key, in
     * one transaction.
     */
    public Uni<Page> reencryptPage(String after, int limit) {
        int activeKeyId = activeKeyId();
        return pool.withTransaction(client -> client.preparedQuery(LOCK_PAGE)
                .execute(Tuple.of(after, personalNames(), activeKeyId, limit)).chain(rows -> {
                    if (rows.size() == 0) {
                        return Uni.createFrom().item(new Page(after, 0));
                    }
                    List<Tuple> updates = new ArrayList<>(rows.size());
                    String lastKey = after;
                    for (Row row : rows) {
                        lastKey = row.getString(0);
                        updates.add(convert(row));
                    }
                    Page page = new Page(lastKey, rows.size());
                    return client.preparedQuery(UPDATE_ROW).executeBatch(updates).map(ignored -> page);
                }));
    }

    private Tuple convert(Row row) {
        Map<String, Object> traits = read(row.getString(1), VALUES);
        Map<String, String> personal = new HashMap<>();
        sealed(row.getString(2)).forEach((name, value) -> personal.put(name, value.reveal()));
        traits.keySet().removeIf(name -> {
            Object value = traits.get(name);
            if (!isPersonal(name)) {
                return false;
            }
            if (value != null && !(value instanceof Map) && !(value instanceof List)) {
                personal.put(name, value.toString());
            }
            return true;
        });
        return Tuple.of(row.getString(0), write(traits), encrypt(personal), personal.isEmpty() ? null : activeKeyId());
    }

    private static String context(String name) {
        return "journey_profile.traits." + name;
    }

    private static <T> T read(String json, TypeReference<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored journey_profile traits are not readable JSON", e);
        }
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Traits cannot be written as JSON", e);
        }
    }
}
