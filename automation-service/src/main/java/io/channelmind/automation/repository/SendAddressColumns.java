package io.channelmind.automation.repository;

import jakarta.enterprise.context.ApplicationScoped;

import io.channelmind.web.crypto.EncryptedColumns;
import io.channelmind.web.crypto.EnvelopeCipher;
import io.channelmind.web.crypto.SealedValue;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Row;

/**
 * Encrypts the send columns that hold a recipient's address and first name, and reads them back
 * sealed ({@link EncryptedColumns}).
 */
@ApplicationScoped
public class SendAddressColumns {

    public static final String ADDRESS = "address";
    public static final String FIRST_NAME = "first_name";

    private final EncryptedColumns columns;

    public SendAddressColumns(EnvelopeCipher cipher) {
        this.columns = new EncryptedColumns(cipher, "send");
    }

    /** Encrypts a value of the plaintext column {@code column}; null stays null. */
    public Buffer encrypt(String column, String value) {
        return columns.encrypt(column, value);
    }

    /** Returns the value of {@code column} sealed, from its encrypted column or else from the plaintext column. */
    public SealedValue sealed(Row row, String column) {
        return columns.sealed(row, column);
    }

    /** Returns the id of the data key that encrypts new values. */
    public int activeKeyId() {
        return columns.activeKeyId();
    }
}
