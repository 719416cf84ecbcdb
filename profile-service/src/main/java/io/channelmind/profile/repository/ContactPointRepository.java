package io.channelmind.profile.repository;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.channelmind.web.crypto.KeyMaintenance.Page;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Re-encrypts the contact points and personal traits of profiles stored in plaintext, or under a
 * data key older than the active one, a page at a time.
 */
@ApplicationScoped
public class ContactPointRepository {

    // Rows that an event batch has locked are skipped: that batch's write encrypts them anyway.
    private static final String LOCK_PAGE = """
            select profile_key, email, phone, first_name, email_encrypted, phone_encrypted, first_name_encrypted,
                   personal_traits_encrypted, traits::text as traits
            from profile
            where profile_key > $1
              and (email is not null or phone is not null or first_name is not null or contact_key_id <> $2
                   or traits ?| $4::text[])
            order by profile_key limit $3
            for update skip locked""";

    private static final String UPDATE_PAGE = """
            update profile p set email = null, phone = null, first_name = null, email_encrypted = d.em,
                   phone_encrypted = d.ph, first_name_encrypted = d.fn, contact_key_id = d.ck,
                   traits = d.tr::jsonb, personal_traits_encrypted = d.pt
            from unnest($1::text[], $2::bytea[], $3::bytea[], $4::bytea[], $5::int4[], $6::text[], $7::bytea[])
                 as d(k, em, ph, fn, ck, tr, pt)
            where p.profile_key = d.k""";

    private final ContactPointColumns columns;
    private final PersonalTraits personalTraits;
    private final JsonColumns json;

    public ContactPointRepository(ContactPointColumns columns, PersonalTraits personalTraits, JsonColumns json) {
        this.columns = columns;
        this.personalTraits = personalTraits;
        this.json = json;
    }

    /**
     * Encrypts with the active data key up to {@code limit} profiles after {@code after}, in key
     * order, whose contact points or personal traits are in plaintext or under another key.
     */
    public Uni<Page> reencryptPage(SqlClient client, String after, int limit) {
        int activeKeyId = columns.activeKeyId();
        Tuple lockParameters = Tuple.of(after, activeKeyId, limit, personalTraits.names());
        return client.preparedQuery(LOCK_PAGE).execute(lockParameters).chain(rows -> {
            if (rows.size() == 0) {
                return Uni.createFrom().item(new Page(after, 0));
            }
            List<String> keys = new ArrayList<>(rows.size());
            List<Buffer> emails = new ArrayList<>(rows.size());
            List<Buffer> phones = new ArrayList<>(rows.size());
            List<Buffer> firstNames = new ArrayList<>(rows.size());
            List<Integer> keyIds = new ArrayList<>(rows.size());
            List<String> plainTraits = new ArrayList<>(rows.size());
            List<Buffer> personal = new ArrayList<>(rows.size());
            for (Row row : rows) {
                Buffer email = columns.encrypt(ContactPointColumns.EMAIL, columns.read(row, ContactPointColumns.EMAIL));
                Buffer phone = columns.encrypt(ContactPointColumns.PHONE, columns.read(row, ContactPointColumns.PHONE));
                Buffer firstName = columns.encrypt(ContactPointColumns.FIRST_NAME,
                        columns.read(row, ContactPointColumns.FIRST_NAME));
                PersonalTraits.Split traits = personalTraits.split(personalTraits.read(row));
                Buffer personalTraitValues = personalTraits.encrypt(traits.personal());
                keys.add(row.getString("profile_key"));
                emails.add(email);
                phones.add(phone);
                firstNames.add(firstName);
                plainTraits.add(json.write(traits.plain()));
                personal.add(personalTraitValues);
                keyIds.add(ContactPointColumns.keyId(email, phone, firstName, personalTraitValues));
            }
            Tuple parameters = Tuple.from(List.of(keys.toArray(String[]::new), emails.toArray(Buffer[]::new),
                    phones.toArray(Buffer[]::new), firstNames.toArray(Buffer[]::new), keyIds.toArray(Integer[]::new),
                    plainTraits.toArray(String[]::new), personal.toArray(Buffer[]::new)));
            String lastKey = keys.get(keys.size() - 1);
            return client.preparedQuery(UPDATE_PAGE).execute(parameters).map(updated -> new Page(lastKey, keys.size()));
        });
    }
}
