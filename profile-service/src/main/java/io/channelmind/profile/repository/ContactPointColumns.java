package io.channelmind.profile.repository;

import java.util.HexFormat;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.channelmind.web.crypto.EncryptedColumns;
import io.channelmind.web.crypto.EnvelopeCipher;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Row;

/** Encrypts and decrypts the profile columns that hold contact points and names ({@link EncryptedColumns}). */
@ApplicationScoped
public class ContactPointColumns {

    public static final String EMAIL = "email";
    public static final String PHONE = "phone";
    public static final String FIRST_NAME = "first_name";

    /** The plaintext columns, each with an {@code _encrypted} column next to it. */
    static final String[] PLAINTEXT = {EMAIL, PHONE, FIRST_NAME};

    private final EncryptedColumns columns;

    public ContactPointColumns(EnvelopeCipher cipher) {
        this.columns = new EncryptedColumns(cipher, "profile");
    }

    /** Encrypts a value of the plaintext column {@code column}; null stays null. */
    public Buffer encrypt(String column, String value) {
        return columns.encrypt(column, value);
    }

    /** Reads the value of {@code column} from its encrypted column, or from the plaintext column when that is null. */
    public String read(Row row, String column) {
        return columns.read(row, column);
    }

    /** Decrypts a value of the plaintext column {@code column} from its ciphertext bytes. */
    public String decrypt(String column, byte[] ciphertext) {
        return columns.decrypt(column, ciphertext);
    }

    /** Returns the id of the data key that encrypts new values. */
    public int activeKeyId() {
        return columns.activeKeyId();
    }

    /** Returns the lowest data key id among a row's encrypted values, or null when it has none. */
    public static Integer keyId(Buffer... values) {
        return EncryptedColumns.keyId(values);
    }

    /**
     * Replaces the encrypted columns of a row that PostgreSQL's {@code to_jsonb} rendered, where a
     * bytea value is the text {@code \x} followed by hex, with the plaintext under the column's
     * plain name, for a privacy export.
     */
    public void decryptExported(Map<String, Object> row) {
        for (String column : PLAINTEXT) {
            Object encrypted = row.remove(column + "_encrypted");
            if (encrypted instanceof String text && text.startsWith("\\x")) {
                row.put(column, columns.decrypt(column, HexFormat.of().parseHex(text.substring(2))));
            }
        }
        Object personalTraits = row.remove(PersonalTraits.COLUMN + "_encrypted");
        if (personalTraits instanceof String text && text.startsWith("\\x")) {
            byte[] ciphertext = HexFormat.of().parseHex(text.substring(2));
            row.put(PersonalTraits.COLUMN, columns.decrypt(PersonalTraits.COLUMN, ciphertext));
        }
        row.remove("contact_key_id");
    }
}
