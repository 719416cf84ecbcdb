package io.channelmind.profile.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.Locale;

/**
 * One identity of a customer: the profile key an event was sent under ({@code profileKey}), or
 * the lower-case hex SHA-256 of a normalised e-mail address ({@code email}) or phone number
 * ({@code phone}). Contact points are stored hashed here so the identity table can be joined and
 * indexed without holding them in clear text a second time.
 */
public record Identity(String kind, String value) implements Comparable<Identity> {

    public static final String PROFILE_KEY = "profileKey";
    public static final String EMAIL = "email";
    public static final String PHONE = "phone";

    public static Identity profileKey(String profileKey) {
        return new Identity(PROFILE_KEY, profileKey);
    }

    /** Returns the identity of an e-mail address, or null when the address has no {@code @}. */
    public static Identity email(String address) {
        String normalised = normaliseEmail(address);
        return normalised == null ? null : new Identity(EMAIL, sha256(normalised));
    }

    /** Returns the identity of a phone number, or null when it has no digit. */
    public static Identity phone(String number) {
        String normalised = normalisePhone(number);
        return normalised == null ? null : new Identity(PHONE, sha256(normalised));
    }

    /**
     * Trims the address, puts it in Unicode NFC and lower-cases it as a whole, the same rule as
     * ingestion-service's cleaning (docs/cleaning.md), so the hashes of both services match and
     * spellings that differ only in case are one customer. Returns null without an {@code @}.
     */
    public static String normaliseEmail(String address) {
        if (address == null) {
            return null;
        }
        String normalised = Normalizer.normalize(address.strip(), Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
        int at = normalised.lastIndexOf('@');
        if (at <= 0 || at == normalised.length() - 1) {
            return null;
        }
        return normalised;
    }

    /**
     * Keeps the digits and a leading {@code +}, so {@code +44 7900 000-000} and
     * {@code +447900000000} are one number. Returns null when no digit is left.
     * NOTE: numbers are not converted to E.164, so a national and an international spelling of
     * one number are different identities.
     */
    public static String normalisePhone(String number) {
        if (number == null) {
            return null;
        }
        String trimmed = number.trim();
        StringBuilder digits = new StringBuilder(trimmed.startsWith("+") ? "+" : "");
        trimmed.chars().filter(Character::isDigit).forEach(digit -> digits.append((char) digit));
        return digits.isEmpty() || digits.toString().equals("+") ? null : digits.toString();
    }

    private static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime provides SHA-256", e);
        }
    }

    @Override
    public int compareTo(Identity other) {
        int byKind = kind.compareTo(other.kind);
        return byKind != 0 ? byKind : value.compareTo(other.value);
    }
}
