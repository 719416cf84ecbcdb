package io.channelmind.web.egress;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The address ranges that an outbound call to a user- or operator-supplied URL must not reach,
 * because they lead into the cluster, the host or the cloud provider's metadata service.
 */
enum AddressClass {

    UNSPECIFIED("an unspecified address", "0.0.0.0/8", "::/128"),
    LOOPBACK("a loopback address", "127.0.0.0/8", "::1/128"),
    CLOUD_METADATA("a cloud metadata address", "169.254.169.254/32", "fd00:ec2::254/128"),
    PRIVATE("a private address", "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7", "fec0::/10"),
    LINK_LOCAL("a link-local address", "169.254.0.0/16", "fe80::/10"),
    CARRIER_GRADE_NAT("a carrier-grade NAT address", "100.64.0.0/10"),
    MULTICAST("a multicast address", "224.0.0.0/4", "ff00::/8"),
    RESERVED("a reserved address", "240.0.0.0/4", "192.0.0.0/24", "198.18.0.0/15");

    /**
     * IPv6 blocks whose last four bytes are an IPv4 address: IPv4-compatible and NAT64 (RFC 6052).
     * IPv4-mapped addresses ({@code ::ffff:0:0/96}) need no entry, because {@link InetAddress}
     * always turns them into IPv4 addresses.
     */
    private static final List<Cidr> IPV4_EMBEDDING = List.of(Cidr.parse("::/96"), Cidr.parse("64:ff9b::/96"));
    private static final Cidr SIX_TO_FOUR = Cidr.parse("2002::/16");

    private final String description;
    private final List<Cidr> blocks;

    AddressClass(String description, String... blocks) {
        this.description = description;
        this.blocks = Arrays.stream(blocks).map(Cidr::parse).toList();
    }

    /** Text for a rejection reason, such as "a loopback address". */
    String description() {
        return description;
    }

    /**
     * Returns the first class the address belongs to, or empty for a public address. An IPv6
     * address that carries an IPv4 address (compatible, NAT64 or 6to4) is judged by
     * that IPv4 address too, so the NAT64 address {@code 64:ff9b::7f00:1} counts as loopback.
     */
    static Optional<AddressClass> of(InetAddress address) {
        Optional<AddressClass> direct = Arrays.stream(values())
                .filter(type -> type.blocks.stream().anyMatch(block -> block.contains(address)))
                .findFirst();
        if (direct.isPresent() || !(address instanceof Inet6Address)) {
            return direct;
        }
        return embeddedIpv4(address).flatMap(AddressClass::of);
    }

    private static Optional<InetAddress> embeddedIpv4(InetAddress address) {
        byte[] bytes = address.getAddress();
        byte[] ipv4;
        if (IPV4_EMBEDDING.stream().anyMatch(block -> block.contains(address))) {
            ipv4 = Arrays.copyOfRange(bytes, 12, 16);
        } else if (SIX_TO_FOUR.contains(address)) {
            ipv4 = Arrays.copyOfRange(bytes, 2, 6);
        } else {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByAddress(ipv4));
        } catch (UnknownHostException e) {
            throw new IllegalStateException("Four bytes are always a valid IPv4 address", e);
        }
    }
}
