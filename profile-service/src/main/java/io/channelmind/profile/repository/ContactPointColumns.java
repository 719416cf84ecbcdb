package io.channelmind.profile.repository;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.channelmind.web.crypto.EnvelopeCipher;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Row;

/**
 * Encrypts and decrypts the profile columns that hold contact points and names. Each value is
 * bound to its column, so a ciphertext copied into another column does not decrypt. A row whose
 * encrypted column is null is read from the plaintext column of the version before encryption.
 */
@ApplicationScoped
public class ContactPointColumns {

    public static final String EMAIL = "email";
    public static final String PHONE = "phone";
    public static final String FIRST_NAME = "first_name";

    /** The plaintext columns, each with an {@code _encrypted} column next to it. */
    static final String[] PLAINTEXT = {EMAIL, PHONE, FIRST_NAME};

    private final EnvelopeCipher cipher;

    public ContactPointColumns(EnvelopeCipher cipher) {
        this.cipher = cipher;
    }

    /** Encrypts a value of the plaintext column {@code column}; null stays null. */
    public Buffer encrypt(String column, String value) {
        byte[] ciphertext = cipher.encrypt(context(column), value);
        return ciphertext == null ? null : Buffer.buffer(ciphertext);
    }

    /** Reads the value of {@code column} from its encrypted column, or from the plaintext column when that is null. */
    public String read(Row row, String column) {
        io.vertx.mutiny.core.buffer.Buffer encrypted = row.getBuffer(column + "_encrypted");
        return encrypted == null ? row.getString(column) : cipher.decrypt(context(column), encrypted.getBytes());
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

    /**
     * Replaces the encrypted columns of a row that PostgreSQL's {@code to_jsonb} rendered, where a
     * bytea value is the text {@code \x} followed by hex, with the plaintext under the column's
     * plain name, for a privacy export.
     */
    public void decryptExported(Map<String, Object> row) {
        for (String column : PLAINTEXT) {
            Object encrypted = row.remove(column + "_encrypted");
            if (encrypted instanceof String text && text.startsWith("\\x")) {
                row.put(column, cipher.decrypt(context(column), HexFormat.of().parseHex(text.substring(2))));
            }
        }
        row.remove("contact_key_id");
    }

    private static String context(String column) {
        return "profile." + column;
    }
}
