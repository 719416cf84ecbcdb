package io.channelmind.web.crypto;

import java.util.Arrays;

import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Row;

/**
 * Encrypts and decrypts the bytea columns {@code <column>_encrypted} of one table, which replace
 * the plaintext columns {@code <column>} of the version before encryption. Each value is bound to
 * its table and column, so a ciphertext copied into another column does not decrypt. A row whose
 * encrypted column is null is read from the plaintext column.
 */
public final class EncryptedColumns {

    private final EnvelopeCipher cipher;
    private final String table;

    public EncryptedColumns(EnvelopeCipher cipher, String table) {
        this.cipher = cipher;
        this.table = table;
    }

    /** Encrypts a value of the plaintext column {@code column}; null stays null. */
    public Buffer encrypt(String column, String value) {
        byte[] ciphertext = cipher.encrypt(context(column), value);
        return ciphertext == null ? null : Buffer.buffer(ciphertext);
    }

    /** Decrypts a value of the plaintext column {@code column} from its ciphertext bytes. */
    public String decrypt(String column, byte[] ciphertext) {
        return cipher.decrypt(context(column), ciphertext);
    }

    /** Reads the value of {@code column} from its encrypted column, or from the plaintext column when that is null. */
    public String read(Row row, String column) {
        return sealed(row, column).reveal();
    }

    /** Returns the value of {@code column} sealed, from its encrypted column or else from the plaintext column. */
    public SealedValue sealed(Row row, String column) {
        io.vertx.mutiny.core.buffer.Buffer encrypted = row.getBuffer(column + "_encrypted");
        return encrypted == null
                ? SealedValue.plaintext(row.getString(column))
                : SealedValue.of(cipher, context(column), encrypted.getBytes());
    }

    /** Returns the id of the data key that encrypts new values. */
    public int activeKeyId() {
        return cipher.keyring().activeId();
    }

    /** Returns the lowest data key id among a row's encrypted values, or null when it has none. */
    public static Integer keyId(Buffer... values) {
        byte[][] ciphertexts = Arrays.stream(values).map(value -> value == null ? null : value.getBytes())
                .toArray(byte[][]::new);
        return EnvelopeCipher.lowestDataKeyId(ciphertexts);
    }

    private String context(String column) {
        return table + "." + column;
    }
}
