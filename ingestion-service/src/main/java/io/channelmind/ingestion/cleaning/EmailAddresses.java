package io.channelmind.ingestion.cleaning;

import java.net.IDN;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The one normalisation of e-mail addresses, used on every path that writes or looks up an
 * address: imports, tracking traits and the identity hash. An address is trimmed, put in Unicode
 * NFC and lower-cased as a whole (Locale.ROOT). RFC 5321 lets a server treat the local part
 * case-sensitively, but mainstream providers do not, and two spellings of one customer are worse
 * for marketing than a rare collision.
 */
public final class EmailAddresses {

    /** RFC 5321 limit for a whole address, in characters. */
    public static final int MAX_LENGTH = 254;
    private static final int MAX_LOCAL_LENGTH = 64;

    /**
     * Local part: the RFC 5322 dot-atom characters (apostrophe and plus included) and, as RFC 6531
     * allows, any letter or digit outside ASCII; no leading, trailing or doubled dot.
     */
    private static final Pattern LOCAL_PART = Pattern.compile(
            "[\\p{L}\\p{N}!#$%&'*+/=?^_`{|}~-]+(\\.[\\p{L}\\p{N}!#$%&'*+/=?^_`{|}~-]+)*");
    /** Domain after IDNA conversion to ASCII: labels of letters, digits and inner hyphens, a top-level label of letters or xn--. */
    private static final Pattern ASCII_DOMAIN = Pattern.compile(
            "([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+([a-z]{2,63}|xn--[a-z0-9-]{1,59})");

    private EmailAddresses() {
    }

    /** Returns the normal form of {@code raw}, or empty when it is not a valid address. */
    public static Optional<String> normalise(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String address = Normalizer.normalize(raw.strip(), Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
        int at = address.lastIndexOf('@');
        if (at <= 0 || at == address.length() - 1 || address.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        String local = address.substring(0, at);
        String domain = address.substring(at + 1);
        if (local.length() > MAX_LOCAL_LENGTH || !LOCAL_PART.matcher(local).matches()) {
            return Optional.empty();
        }
        try {
            String asciiDomain = IDN.toASCII(domain, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
            if (!ASCII_DOMAIN.matcher(asciiDomain).matches()) {
                return Optional.empty();
            }
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return Optional.of(address);
    }
}
