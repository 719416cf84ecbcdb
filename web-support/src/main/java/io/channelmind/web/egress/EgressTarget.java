package io.channelmind.web.egress;

import java.net.InetAddress;
import java.net.URI;

/**
 * A URL whose host passed the egress check, with the address it resolved to. Connect to
 * {@code address} and send {@code uri}'s host as the Host header and TLS server name, so that
 * no second DNS lookup can return another address.
 */
public record EgressTarget(URI uri, InetAddress address, int port, boolean tls) {

    /** Returns the URL's host without the brackets of an IPv6 literal. */
    public String host() {
        String host = uri.getHost();
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }
}
