package io.channelmind.automation.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.channelmind.automation.CampaignApi;
import io.channelmind.automation.DependencyStubs;
import io.channelmind.automation.repository.SendAddressColumns;
import io.channelmind.automation.repository.SendOutbox;
import io.channelmind.automation.repository.SendOutbox.FillTarget;
import io.channelmind.automation.repository.SendOutbox.NewSend;
import io.channelmind.web.crypto.EnvelopeCipher;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** Pending sends of draft campaigns, which no drainer claims, so their stored columns can be read. */
@QuarkusTest
class SendAddressEncryptionTest {

    @Inject
    Pool pool;

    @Inject
    SendOutbox outbox;

    @Inject
    SendAddressColumns columns;

    @Inject
    SendAddressEncryption encryption;

    @Test
    void outboxStoresNoPlaintextAddress() {
        String key = fill("stored", "stored-1", "ines@stored.example", "Inês");

        String raw = rawRow(key);

        assertFalse(raw.contains("ines@stored.example"), raw);
        assertFalse(raw.contains("Inês"), raw);
        assertNull(row(key).getString("address"));
        assertNotNull(row(key).getBuffer("address_encrypted"));
        assertEquals("ines@stored.example", columns.sealed(row(key), SendAddressColumns.ADDRESS).reveal());
        assertEquals("Inês", columns.sealed(row(key), SendAddressColumns.FIRST_NAME).reveal());
    }

    @Test
    void plaintextSendsAreReencrypted() {
        String key = fill("legacy", "legacy-1", null, null);
        pool.preparedQuery("""
                update send set address = 'jon@legacy.example', first_name = 'Jon', address_encrypted = null,
                    first_name_encrypted = null, contact_key_id = null
                where idempotency_key = $1""").execute(Tuple.of(key)).await().indefinitely();
        assertEquals("jon@legacy.example", columns.sealed(row(key), SendAddressColumns.ADDRESS).reveal(),
                "a row from before encryption stays readable");

        long converted = encryption.reencrypt().await().indefinitely();

        assertTrue(converted >= 1, "converted " + converted);
        assertNull(row(key).getString("address"));
        assertNull(row(key).getString("first_name"));
        assertFalse(rawRow(key).contains("jon@legacy.example"));
        assertEquals("jon@legacy.example", columns.sealed(row(key), SendAddressColumns.ADDRESS).reveal());
        assertEquals("Jon", columns.sealed(row(key), SendAddressColumns.FIRST_NAME).reveal());
    }

    @Test
    void newDataKeyReencryptsOldSends() {
        String key = fill("rotated", "rotated-1", "kai@rotated.example", "Kai");
        int oldKeyId = EnvelopeCipher.dataKeyId(row(key).getBuffer("address_encrypted").getBytes());

        int newKeyId = encryption.rotateDataKey().await().indefinitely().activeId();

        assertNotEquals(oldKeyId, newKeyId);
        assertEquals("kai@rotated.example", columns.sealed(row(key), SendAddressColumns.ADDRESS).reveal());

        encryption.reencrypt().await().indefinitely();

        assertEquals(newKeyId, EnvelopeCipher.dataKeyId(row(key).getBuffer("address_encrypted").getBytes()));
        assertEquals(newKeyId, row(key).getInteger("contact_key_id"));
        assertEquals("kai@rotated.example", columns.sealed(row(key), SendAddressColumns.ADDRESS).reveal());
    }

    /** Fills one pending send, due in a year, into a new draft campaign and returns its idempotency key. */
    private String fill(String segment, String profileKey, String address, String firstName) {
        DependencyStubs.segment(segment, List.of());
        UUID campaign = UUID.fromString(CampaignApi.create(segment, "email"));
        String key = SendKeys.idempotencyKey(campaign, SendKeys.INITIAL_STEP, profileKey);
        String hash = address == null ? null : SendKeys.addressHash(address);
        NewSend send = new NewSend(profileKey, key, hash, SendOutbox.PENDING, null, "<" + key + "@test>",
                Instant.now().plusSeconds(365L * 24 * 3600), address, firstName, "UTC");
        outbox.fill(new FillTarget(campaign, SendKeys.INITIAL_STEP, "email", UUID.randomUUID(), "copy-1"), List.of(send))
                .await().indefinitely();
        return key;
    }

    private Row row(String key) {
        return pool.preparedQuery("select * from send where idempotency_key = $1").execute(Tuple.of(key))
                .await().indefinitely().iterator().next();
    }

    private String rawRow(String key) {
        return pool.preparedQuery("select to_jsonb(s)::text from send s where idempotency_key = $1")
                .execute(Tuple.of(key)).await().indefinitely().iterator().next().getString(0);
    }
}
