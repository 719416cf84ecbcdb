package io.channelmind.web.egress;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/** An IPv4 or IPv6 address block in CIDR notation, such as {@code 10.0.0.0/8} or {@code fc00::/7}. */
public final class Cidr {

    private final byte[] network;
    private final int prefixLength;
    private final String text;

    private Cidr(byte[] network, int prefixLength, String text) {
        this.network = network;
        this.prefixLength = prefixLength;
        this.text = text;
    }

    /**
     * Parses a block such as {@code 192.168.0.0/16}, or a single IP literal, which is a block of
     * one address. Parses literals only, so it never makes a DNS query.
     *
     * @throws IllegalArgumentException when the text is not an IP literal with an optional prefix length
     */
    public static Cidr parse(String text) {
        String trimmed = text.strip();
        int slash = trimmed.indexOf('/');
        String address = slash < 0 ? trimmed : trimmed.substring(0, slash);
        byte[] bytes = literal(address)
                .orElseThrow(() -> new IllegalArgumentException("'" + text + "' is not an IP address or CIDR block"));
        int bits = bytes.length * 8;
        int prefix = bits;
        if (slash >= 0) {
            String length = trimmed.substring(slash + 1);
            if (!length.matches("\\d{1,3}") || Integer.parseInt(length) > bits) {
                throw new IllegalArgumentException("'" + text + "' has an invalid prefix length; use 0 to " + bits);
            }
            prefix = Integer.parseInt(length);
        }
        return new Cidr(mask(bytes, prefix), prefix, trimmed);
    }

    /** Returns true when the text is an IPv4 or IPv6 literal, with or without the brackets of a URI host. */
    static boolean isLiteral(String text) {
        return literal(text).isPresent();
    }

    /**
     * Returns the bytes of an IP literal. {@link InetAddress#getByName} makes no DNS query for
     * a literal, and the checks here make sure that only literals reach it.
     */
    static java.util.Optional<byte[]> literal(String text) {
        String address = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        boolean ipv4 = address.matches("\\d{1,3}(\\.\\d{1,3}){3}");
        boolean ipv6 = address.contains(":") && address.matches("[0-9A-Fa-f:.]+");
        if (!ipv4 && !ipv6) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(InetAddress.getByName(address).getAddress());
        } catch (UnknownHostException e) {
            return java.util.Optional.empty();
        }
    }

    /** Returns true when the address is in this block; an IPv4 address is never in an IPv6 block. */
    public boolean contains(InetAddress address) {
        byte[] bytes = address.getAddress();
        return bytes.length == network.length && Arrays.equals(mask(bytes, prefixLength), network);
    }

    private static byte[] mask(byte[] address, int prefix) {
        byte[] masked = address.clone();
        for (int i = 0; i < masked.length; i++) {
            int keep = Math.max(0, Math.min(8, prefix - i * 8));
            masked[i] &= (byte) (0xFF << (8 - keep));
        }
        return masked;
    }

    @Override
    public String toString() {
        return text;
    }
}
