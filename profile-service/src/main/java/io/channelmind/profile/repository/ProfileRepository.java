package io.channelmind.profile.repository;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.channelmind.profile.domain.ChannelDelta;
import io.channelmind.profile.domain.ChannelStats;
import io.channelmind.profile.domain.FeatureDraft;
import io.channelmind.profile.domain.Profile;
import io.channelmind.profile.domain.ProfileDraft;
import io.channelmind.profile.interest.InterestEncoder;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Reads and writes profiles and their per-channel counters. Batch writes take arrays and use one
 * statement per batch. Methods take the {@link SqlClient} so callers choose the transaction.
 */
@ApplicationScoped
public class ProfileRepository {

    private static final String COLUMNS = """
            profile_key, email, phone, first_name, email_encrypted, phone_encrypted, first_name_encrypted,
            personal_traits_encrypted, locale,
            time_zone, consent::text as consent,
            traits::text as traits, trait_times::text as trait_times, contacts, conversions, conversion_value,
            last_channel, last_contact_at, first_seen_at, last_seen_at, anonymous, purchases, cancellations, returns,
            monetary, first_purchase_at, last_purchase_at, first_channel, first_contact_at, engagement::text as engagement,
            interest_vector, interest_at, interest_model""";

    // Contact points, names and the traits that name the person go to the encrypted columns, and
    // the plaintext columns of rows written before encryption are cleared.
    private static final String UPSERT = """
            insert into profile (profile_key, email_encrypted, phone_encrypted, first_name_encrypted, locale, time_zone,
                                 consent, traits,
                                 trait_times, contacts, conversions, conversion_value, last_channel,
                                 last_contact_at, first_seen_at, last_seen_at, anonymous, purchases, cancellations,
                                 returns, monetary, first_purchase_at, last_purchase_at, first_channel,
                                 first_contact_at, engagement, interest_vector, interest_at, interest_model,
                                 contact_key_id, personal_traits_encrypted, updated_at)
            select k, em, ph, fn, lo, tz, co::jsonb, tr::jsonb, tt::jsonb, ct, cv, va::numeric, lc, lca, fs, ls, an,
                   pu, ca, rt, mo::numeric, fp, lp, fc, fca, en::jsonb, iv::float8[], ia, im, ck, pt, now()
            from unnest($1::text[], $2::bytea[], $3::bytea[], $4::bytea[], $5::text[], $6::text[], $7::text[],
                        $8::text[], $9::text[], $10::int8[], $11::int8[], $12::text[], $13::text[],
                        $14::timestamptz[], $15::timestamptz[], $16::timestamptz[], $17::bool[], $18::int8[],
                        $19::int8[], $20::int8[], $21::text[], $22::timestamptz[], $23::timestamptz[], $24::text[],
                        $25::timestamptz[], $26::text[], $27::text[], $28::timestamptz[], $29::text[], $30::int4[],
                        $31::bytea[])
                 as d(k, em, ph, fn, lo, tz, co, tr, tt, ct, cv, va, lc, lca, fs, ls, an, pu, ca, rt, mo, fp, lp, fc,
                      fca, en, iv, ia, im, ck, pt)
            on conflict (profile_key) do update set
                email = null, phone = null, first_name = null, email_encrypted = excluded.email_encrypted,
                phone_encrypted = excluded.phone_encrypted, first_name_encrypted = excluded.first_name_encrypted,
                contact_key_id = excluded.contact_key_id, personal_traits_encrypted = excluded.personal_traits_encrypted,
                locale = excluded.locale, time_zone = excluded.time_zone, consent = excluded.consent,
                traits = excluded.traits, trait_times = excluded.trait_times, contacts = excluded.contacts,
                conversions = excluded.conversions, conversion_value = excluded.conversion_value,
                last_channel = excluded.last_channel, last_contact_at = excluded.last_contact_at,
                first_seen_at = excluded.first_seen_at, last_seen_at = excluded.last_seen_at,
                anonymous = excluded.anonymous, purchases = excluded.purchases,
                cancellations = excluded.cancellations, returns = excluded.returns, monetary = excluded.monetary,
                first_purchase_at = excluded.first_purchase_at, last_purchase_at = excluded.last_purchase_at,
                first_channel = excluded.first_channel, first_contact_at = excluded.first_contact_at,
                engagement = excluded.engagement, interest_vector = excluded.interest_vector,
                interest_at = excluded.interest_at, interest_model = excluded.interest_model,
                updated_at = excluded.updated_at""";

    private static final String ADD_CHANNEL_DELTAS = """
            insert into profile_channel (profile_key, channel, contacts, conversions, conversion_value, last_contact_at)
            select k, ch, ct, cv, va::numeric, lca
            from unnest($1::text[], $2::text[], $3::int8[], $4::int8[], $5::text[], $6::timestamptz[])
                 as d(k, ch, ct, cv, va, lca)
            on conflict (profile_key, channel) do update set
                contacts = profile_channel.contacts + excluded.contacts,
                conversions = profile_channel.conversions + excluded.conversions,
                conversion_value = profile_channel.conversion_value + excluded.conversion_value,
                last_contact_at = greatest(profile_channel.last_contact_at, excluded.last_contact_at)""";

    // Resolves each delivery's profile key through the identity table, so a delivery addressed to
    // a merged profile counts on its survivor. Returns the number of input entries applied.
    private static final String ADD_DELIVERY_OUTCOMES = """
            with resolved as (
                select i.profile_key as k, d.ch, d.se, d.de, d.op, d.cl, d.cv
                from unnest($1::text[], $2::text[], $3::int8[], $4::int8[], $5::int8[], $6::int8[], $7::int8[])
                     as d(k, ch, se, de, op, cl, cv)
                join profile_identity i on i.kind = 'profileKey' and i.value = d.k
            ), added as (
                insert into profile_channel (profile_key, channel, sent, delivered, opened, clicked, converted)
                select k, ch, sum(se), sum(de), sum(op), sum(cl), sum(cv) from resolved group by k, ch order by k, ch
                on conflict (profile_key, channel) do update set
                    sent = profile_channel.sent + excluded.sent,
                    delivered = profile_channel.delivered + excluded.delivered,
                    opened = profile_channel.opened + excluded.opened,
                    clicked = profile_channel.clicked + excluded.clicked,
                    converted = profile_channel.converted + excluded.converted
            )
            select count(*) from resolved""";

    // Adds the channel counters of each merged profile to its survivor's and deletes them.
    private static final String MOVE_CHANNELS = """
            insert into profile_channel (profile_key, channel, contacts, conversions, conversion_value, sent,
                                         delivered, opened, clicked, converted, last_contact_at)
            select m.survivor, c.channel, sum(c.contacts), sum(c.conversions), sum(c.conversion_value), sum(c.sent),
                   sum(c.delivered), sum(c.opened), sum(c.clicked), sum(c.converted), max(c.last_contact_at)
            from profile_channel c join unnest($1::text[], $2::text[]) as m(merged, survivor)
                 on c.profile_key = m.merged
            group by m.survivor, c.channel
            order by m.survivor, c.channel
            on conflict (profile_key, channel) do update set
                contacts = profile_channel.contacts + excluded.contacts,
                conversions = profile_channel.conversions + excluded.conversions,
                conversion_value = profile_channel.conversion_value + excluded.conversion_value,
                sent = profile_channel.sent + excluded.sent,
                delivered = profile_channel.delivered + excluded.delivered,
                opened = profile_channel.opened + excluded.opened,
                clicked = profile_channel.clicked + excluded.clicked,
                converted = profile_channel.converted + excluded.converted,
                last_contact_at = greatest(profile_channel.last_contact_at, excluded.last_contact_at)""";

    private static final String MOVE_ACTIVITY = """
            update profile_activity a set profile_key = m.survivor
            from unnest($1::text[], $2::text[]) as m(merged, survivor)
            where a.profile_key = m.merged""";

    private static final String MOVE_OFFER_ACTIVITY = """
            update profile_offer_activity a set profile_key = m.survivor
            from unnest($1::text[], $2::text[]) as m(merged, survivor)
            where a.profile_key = m.merged""";

    private final JsonColumns json;
    private final InterestEncoder interests;
    private final ContactPointColumns contactPoints;
    private final PersonalTraits personalTraits;

    public ProfileRepository(JsonColumns json, InterestEncoder interests, ContactPointColumns contactPoints,
            PersonalTraits personalTraits) {
        this.json = json;
        this.interests = interests;
        this.contactPoints = contactPoints;
        this.personalTraits = personalTraits;
    }

    /**
     * Loads the existing profiles among {@code keys} and locks them until the transaction ends.
     * The rows are locked in key order, so two batches that lock overlapping keys do not deadlock
     * on them. Keys without a profile are absent from the result.
     */
    public Uni<Map<String, ProfileDraft>> lockDrafts(SqlClient client, Collection<String> keys) {
        // "for update" rather than "for no key update", because a merge deletes the merged rows.
        String sql = "select " + COLUMNS + " from profile where profile_key = any($1::text[])"
                + " order by profile_key for update";
        return client.preparedQuery(sql).execute(Tuple.of(keys.toArray(String[]::new)))
                .map(rows -> {
                    Map<String, ProfileDraft> drafts = new LinkedHashMap<>();
                    rows.forEach(row -> drafts.put(row.getString("profile_key"), toDraft(row)));
                    return drafts;
                });
    }

    /**
     * Loads up to {@code limit} profiles with keys after {@code after} in key order, share-locked
     * until the transaction ends so that no batch changes them while a segment is evaluated.
     */
    public Uni<List<ProfileDraft>> lockPage(SqlClient client, String after, int limit) {
        String sql = "select " + COLUMNS + " from profile where profile_key > $1"
                + " order by profile_key limit $2 for share";
        return client.preparedQuery(sql).execute(Tuple.of(after, limit)).map(this::toDrafts);
    }

    /** Writes the drafts as the new state of their profiles, creating the missing ones. */
    public Uni<Void> upsert(SqlClient client, Collection<ProfileDraft> drafts) {
        int size = drafts.size();
        String[] keys = new String[size];
        Buffer[] emails = new Buffer[size];
        Buffer[] phones = new Buffer[size];
        Buffer[] firstNames = new Buffer[size];
        Integer[] contactKeys = new Integer[size];
        Buffer[] personal = new Buffer[size];
        String[] locales = new String[size];
        String[] timeZones = new String[size];
        String[] consents = new String[size];
        String[] traits = new String[size];
        String[] traitTimes = new String[size];
        Long[] contacts = new Long[size];
        Long[] conversions = new Long[size];
        String[] values = new String[size];
        String[] lastChannels = new String[size];
        OffsetDateTime[] lastContacts = new OffsetDateTime[size];
        OffsetDateTime[] firstSeen = new OffsetDateTime[size];
        OffsetDateTime[] lastSeen = new OffsetDateTime[size];
        Boolean[] anonymous = new Boolean[size];
        FeatureColumns features = new FeatureColumns(size, json);
        InterestColumns interestColumns = new InterestColumns(size, interests.modelVersion());

        int i = 0;
        for (ProfileDraft draft : drafts) {
            keys[i] = draft.profileKey();
            emails[i] = contactPoints.encrypt(ContactPointColumns.EMAIL, draft.email());
            phones[i] = contactPoints.encrypt(ContactPointColumns.PHONE, draft.phone());
            firstNames[i] = contactPoints.encrypt(ContactPointColumns.FIRST_NAME, draft.firstName());
            PersonalTraits.Split split = personalTraits.split(draft.traits());
            personal[i] = personalTraits.encrypt(split.personal());
            contactKeys[i] = ContactPointColumns.keyId(emails[i], phones[i], firstNames[i], personal[i]);
            locales[i] = draft.locale();
            timeZones[i] = draft.timeZone();
            consents[i] = json.write(draft.consent());
            traits[i] = json.write(split.plain());
            traitTimes[i] = json.write(draft.traitTimes());
            contacts[i] = draft.contacts();
            conversions[i] = draft.conversions();
            values[i] = draft.conversionValue().toPlainString();
            lastChannels[i] = draft.lastChannel();
            lastContacts[i] = utc(draft.lastContactAt());
            firstSeen[i] = utc(draft.firstSeenAt());
            lastSeen[i] = utc(draft.lastSeenAt());
            anonymous[i] = draft.anonymous();
            features.set(i, draft.features().toFeatures());
            interestColumns.set(i, draft.interests());
            i++;
        }

        List<Object> columns = new ArrayList<>(List.of(keys, emails, phones, firstNames, locales, timeZones, consents,
                traits, traitTimes, contacts, conversions, values, lastChannels, lastContacts, firstSeen, lastSeen,
                anonymous));
        columns.addAll(features.arrays());
        columns.addAll(interestColumns.arrays());
        columns.add(contactKeys);
        columns.add(personal);
        Tuple parameters = Tuple.from(columns);
        return client.preparedQuery(UPSERT).execute(parameters).replaceWithVoid();
    }

    /** Adds the deltas to the per-channel counters, creating missing channel rows. */
    public Uni<Void> addChannelDeltas(SqlClient client, List<ChannelDelta> deltas) {
        if (deltas.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        int size = deltas.size();
        String[] keys = new String[size];
        String[] channels = new String[size];
        Long[] contacts = new Long[size];
        Long[] conversions = new Long[size];
        String[] values = new String[size];
        OffsetDateTime[] lastContacts = new OffsetDateTime[size];
        for (int i = 0; i < size; i++) {
            ChannelDelta delta = deltas.get(i);
            keys[i] = delta.profileKey();
            channels[i] = delta.channel();
            contacts[i] = delta.contacts();
            conversions[i] = delta.conversions();
            values[i] = delta.conversionValue().toPlainString();
            lastContacts[i] = utc(delta.lastContactAt());
        }
        Tuple parameters = Tuple.from(List.of(keys, channels, contacts, conversions, values, lastContacts));
        return client.preparedQuery(ADD_CHANNEL_DELTAS).execute(parameters).replaceWithVoid();
    }

    /**
     * Adds the delivery outcome counts to the channel counters of profile {@code keys[i]} on
     * {@code channels[i]}. {@code counts} contains one array per counter, in the order sent,
     * delivered, opened, clicked, converted. Entries for profiles that do not exist are skipped.
     * Returns the number of entries applied.
     */
    public Uni<Integer> addDeliveryOutcomes(SqlClient client, String[] keys, String[] channels, Long[][] counts) {
        Tuple parameters = Tuple.from(List.of(keys, channels, counts[0], counts[1], counts[2], counts[3], counts[4]));
        return client.preparedQuery(ADD_DELIVERY_OUTCOMES).execute(parameters)
                .map(rows -> rows.iterator().next().getLong(0).intValue());
    }

    /**
     * Moves the channel counters, windowed events and offer activity of each merged profile (the keys of
     * {@code survivors}) to its survivor, which must exist, and deletes the merged profiles. Their segment memberships and
     * identities must be gone or moved already.
     */
    public Uni<Void> deleteMerged(SqlClient client, Map<String, String> survivors) {
        if (survivors.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        String[] merged = survivors.keySet().toArray(String[]::new);
        Tuple pairs = Tuple.of(merged, survivors.values().toArray(String[]::new));
        return client.preparedQuery(MOVE_CHANNELS).execute(pairs)
                .chain(() -> client.preparedQuery(MOVE_ACTIVITY).execute(pairs))
                .chain(() -> client.preparedQuery(MOVE_OFFER_ACTIVITY).execute(pairs))
                .chain(() -> client.preparedQuery("delete from profile_channel where profile_key = any($1::text[])")
                        .execute(Tuple.of((Object) merged)))
                .chain(() -> client.preparedQuery("delete from profile where profile_key = any($1::text[])")
                        .execute(Tuple.of((Object) merged)))
                .replaceWithVoid();
    }

    /** Loads the per-channel statistics of the given profiles, keyed by profile key and channel. */
    public Uni<Map<String, Map<String, ChannelStats>>> channels(SqlClient client, Collection<String> keys) {
        String sql = """
                select profile_key, channel, contacts, conversions, conversion_value, sent, delivered, opened,
                       clicked, converted, last_contact_at
                from profile_channel where profile_key = any($1::text[]) order by profile_key, channel""";
        return client.preparedQuery(sql).execute(Tuple.of(keys.toArray(String[]::new))).map(rows -> {
            Map<String, Map<String, ChannelStats>> channels = new LinkedHashMap<>();
            for (Row row : rows) {
                ChannelStats stats = new ChannelStats(row.getString("channel"), row.getLong("contacts"),
                        row.getLong("conversions"), row.getBigDecimal("conversion_value"), row.getLong("sent"),
                        row.getLong("delivered"), row.getLong("opened"), row.getLong("clicked"),
                        row.getLong("converted"), instant(row, "last_contact_at"));
                channels.computeIfAbsent(row.getString("profile_key"), key -> new LinkedHashMap<>())
                        .put(stats.channel(), stats);
            }
            return channels;
        });
    }

    /** Finds the profile with the key, or the profile it was merged into. */
    public Uni<Optional<Profile>> find(SqlClient client, String profileKey) {
        String sql = "select " + COLUMNS + " from profile where profile_key = coalesce("
                + "(select profile_key from profile_identity where kind = 'profileKey' and value = $1), $1)";
        return client.preparedQuery(sql).execute(Tuple.of(profileKey))
                .map(this::toDrafts)
                .chain(drafts -> withChannels(client, drafts))
                .map(profiles -> profiles.stream().findFirst());
    }

    /** Loads up to {@code limit} profiles with keys after {@code after}, in key order. */
    public Uni<List<Profile>> page(SqlClient client, String after, int limit) {
        String sql = "select " + COLUMNS + " from profile where profile_key > $1 order by profile_key limit $2";
        return client.preparedQuery(sql).execute(Tuple.of(after, limit))
                .map(this::toDrafts)
                .chain(drafts -> withChannels(client, drafts));
    }

    public Uni<Long> count(SqlClient client) {
        return client.query("select count(*) from profile").execute()
                .map(rows -> rows.iterator().next().getLong(0));
    }

    /** Turns drafts into profiles with their per-channel statistics, keeping the order. */
    public Uni<List<Profile>> withChannels(SqlClient client, List<ProfileDraft> drafts) {
        if (drafts.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<String> keys = drafts.stream().map(ProfileDraft::profileKey).toList();
        return channels(client, keys).map(channels -> drafts.stream()
                .map(draft -> draft.toProfile(channels.getOrDefault(draft.profileKey(), Map.of())))
                .toList());
    }

    private List<ProfileDraft> toDrafts(RowSet<Row> rows) {
        List<ProfileDraft> drafts = new ArrayList<>(rows.size());
        rows.forEach(row -> drafts.add(toDraft(row)));
        return drafts;
    }

    private ProfileDraft toDraft(Row row) {
        ProfileDraft draft = new ProfileDraft(row.getString("profile_key"),
                json.readBooleans(row.getString("consent")), personalTraits.read(row),
                json.readInstants(row.getString("trait_times")),
                instant(row, "first_seen_at"), instant(row, "last_seen_at"));
        draft.email(contactPoints.read(row, ContactPointColumns.EMAIL));
        draft.phone(contactPoints.read(row, ContactPointColumns.PHONE));
        draft.firstName(contactPoints.read(row, ContactPointColumns.FIRST_NAME));
        draft.locale(row.getString("locale"));
        draft.timeZone(row.getString("time_zone"));
        draft.counters(row.getLong("contacts"), row.getLong("conversions"), row.getBigDecimal("conversion_value"));
        draft.lastContact(row.getString("last_channel"), instant(row, "last_contact_at"));
        draft.anonymous(row.getBoolean("anonymous"));
        draft.features(FeatureDraft.of(FeatureColumns.read(row, json)));
        draft.interests(InterestColumns.read(row, interests.modelVersion(), interests.halfLife()));
        return draft;
    }

    private static Instant instant(Row row, String column) {
        OffsetDateTime value = row.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
