package io.channelmind.web.egress;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks the URL of an outbound call (webhook, SMS provider, model endpoint) before any
 * connection: it resolves the host once, through an injectable {@link HostResolver}, and rejects
 * the URL when any address is loopback, private (RFC 1918, {@code fc00::/7}), link-local,
 * cloud metadata, carrier-grade NAT, unspecified, multicast or reserved. Hosts and CIDR blocks
 * on the allow-list pass. Callers connect to the returned {@link EgressTarget#address()}.
 */
public final class EgressGuard {

    /** Configuration key of the allow-list, for messages. */
    public static final String ALLOW_LIST_KEY = "channelmind.egress.allow-list";

    private final Set<String> allowedHosts = new TreeSet<>();
    private final List<Cidr> allowedBlocks = new ArrayList<>();
    private final HostResolver resolver;

    /**
     * @param allowList host names (compared without case) and IP literals or CIDR blocks that
     *     may be reached even though they are internal
     * @throws IllegalArgumentException when an entry is blank or a malformed CIDR block
     */
    public EgressGuard(List<String> allowList, HostResolver resolver) {
        for (String entry : allowList) {
            String trimmed = entry.strip();
            if (trimmed.isEmpty()) {
                throw new IllegalArgumentException(ALLOW_LIST_KEY + " contains a blank entry; remove it");
            }
            if (trimmed.contains("/") || Cidr.isLiteral(trimmed)) {
                allowedBlocks.add(parseBlock(trimmed));
            } else {
                allowedHosts.add(trimmed.toLowerCase(Locale.ROOT));
            }
        }
        this.resolver = resolver;
    }

    private static Cidr parseBlock(String entry) {
        try {
            return Cidr.parse(entry);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(ALLOW_LIST_KEY + " entry " + e.getMessage()
                    + "; write a host name, an IP address or a CIDR block such as 10.1.0.0/16", e);
        }
    }

    /**
     * Resolves and checks the URL's host.
     *
     * @throws EgressRejectedException when the URL is not absolute http or https, its host does
     *     not resolve, or one of its addresses is internal and not allow-listed. The message
     *     names the host, the address and the fix.
     */
    public EgressTarget check(URI uri) throws EgressRejectedException {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new EgressRejectedException(EgressRejectedException.Reason.INVALID_URL,
                    "The URL " + redact(uri) + " is not an http or https URL; use one");
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            throw new EgressRejectedException(EgressRejectedException.Reason.INVALID_URL,
                    "The URL " + redact(uri) + " has no host; use an absolute URL");
        }
        boolean tls = scheme.equals("https");
        int defaultPort = tls ? 443 : 80;
        int port = uri.getPort() >= 0 ? uri.getPort() : defaultPort;

        List<InetAddress> addresses = resolve(host);
        if (allowedHosts.contains(hostName(host))) {
            return new EgressTarget(uri, addresses.get(0), port, tls);
        }
        // Every address must pass, so that the outcome does not depend on the order of the DNS answer.
        for (InetAddress address : addresses) {
            Optional<AddressClass> internal = AddressClass.of(address);
            if (internal.isPresent() && allowedBlocks.stream().noneMatch(block -> block.contains(address))) {
                throw new EgressRejectedException(EgressRejectedException.Reason.INTERNAL_ADDRESS,
                        "The host of " + redact(uri) + " resolves to " + address.getHostAddress() + ", "
                        + internal.get().description() + ", which outbound calls must not reach; use a public endpoint, or add the host or "
                        + "address to " + ALLOW_LIST_KEY + " if the operator trusts it");
            }
        }
        return new EgressTarget(uri, addresses.get(0), port, tls);
    }

    private List<InetAddress> resolve(String host) throws EgressRejectedException {
        String name = hostName(host);
        try {
            List<InetAddress> addresses = Cidr.isLiteral(name)
                    ? List.of(InetAddress.getByAddress(Cidr.literal(name).orElseThrow()))
                    : resolver.resolve(name);
            if (addresses.isEmpty()) {
                throw new UnknownHostException(name);
            }
            return addresses;
        } catch (UnknownHostException e) {
            throw new EgressRejectedException(EgressRejectedException.Reason.UNRESOLVED_HOST,
                    "The host " + host + " does not resolve; check the URL's host name");
        }
    }

    /** Returns the host without IPv6 brackets, in lower case. */
    private static String hostName(String host) {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        return bare.toLowerCase(Locale.ROOT);
    }

    /**
     * Returns the URL's scheme, host and port only, because webhook URLs often carry their token
     * in the path or query (a Slack webhook's path, a WeCom robot's {@code key}).
     */
    static String redact(URI uri) {
        String text = (uri.getScheme() == null ? "" : uri.getScheme() + "://")
                + (uri.getHost() == null ? "" : uri.getHost())
                + (uri.getPort() >= 0 ? ":" + uri.getPort() : "");
        return text.isEmpty() ? "(unparsable URL)" : text;
    }
}
