package io.channelmind.automation.repository;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.channelmind.web.crypto.EncryptedColumns;
import io.channelmind.web.crypto.KeyMaintenance.Page;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Re-encrypts the addresses and first names of sends stored in plaintext, or under a data key
 * older than the active one, a page at a time.
 */
@ApplicationScoped
public class SendAddressRepository {

    // Rows that a drainer is claiming are skipped; the next run converts them if they still hold values.
    private static final String LOCK_PAGE = """
            select idempotency_key, address, first_name, address_encrypted, first_name_encrypted
            from send
            where idempotency_key > $1
              and (address is not null or first_name is not null or contact_key_id <> $2)
            order by idempotency_key limit $3
            for update skip locked""";

    private static final String UPDATE_PAGE = """
            update send s set address = null, first_name = null, address_encrypted = d.ad,
                   first_name_encrypted = d.fn, contact_key_id = d.ck
            from unnest($1::text[], $2::bytea[], $3::bytea[], $4::int4[]) as d(k, ad, fn, ck)
            where s.idempotency_key = d.k""";

    private final Pool pool;
    private final SendAddressColumns columns;

    public SendAddressRepository(Pool pool, SendAddressColumns columns) {
        this.pool = pool;
        this.columns = columns;
    }

    /**
     * Encrypts with the active data key, in one transaction, up to {@code limit} sends after
     * {@code after} in idempotency key order whose address or first name is in plaintext or under another key.
     */
    public Uni<Page> reencryptPage(String after, int limit) {
        int activeKeyId = columns.activeKeyId();
        return pool.withTransaction(client -> client.preparedQuery(LOCK_PAGE)
                .execute(Tuple.of(after, activeKeyId, limit)).chain(rows -> {
                    if (rows.size() == 0) {
                        return Uni.createFrom().item(new Page(after, 0));
                    }
                    List<String> keys = new ArrayList<>(rows.size());
                    List<Buffer> addresses = new ArrayList<>(rows.size());
                    List<Buffer> firstNames = new ArrayList<>(rows.size());
                    List<Integer> keyIds = new ArrayList<>(rows.size());
                    for (Row row : rows) {
                        Buffer address = reencrypt(row, SendAddressColumns.ADDRESS);
                        Buffer firstName = reencrypt(row, SendAddressColumns.FIRST_NAME);
                        keys.add(row.getString("idempotency_key"));
                        addresses.add(address);
                        firstNames.add(firstName);
                        keyIds.add(EncryptedColumns.keyId(address, firstName));
                    }
                    Tuple parameters = Tuple.of(keys.toArray(String[]::new), addresses.toArray(Buffer[]::new),
                            firstNames.toArray(Buffer[]::new), keyIds.toArray(Integer[]::new));
                    String lastKey = keys.get(keys.size() - 1);
                    return client.preparedQuery(UPDATE_PAGE).execute(parameters)
                            .map(updated -> new Page(lastKey, keys.size()));
                }));
    }

    private Buffer reencrypt(Row row, String column) {
        return columns.encrypt(column, columns.sealed(row, column).reveal());
    }
}
