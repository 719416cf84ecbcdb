package io.channelmind.web.egress;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/** Resolves a host name to its addresses. Tests replace it with a stub, so that no DNS query leaves the machine. */
@FunctionalInterface
public interface HostResolver {

    /** The operating system's resolver, through {@link InetAddress#getAllByName}. */
    HostResolver SYSTEM = host -> List.of(InetAddress.getAllByName(host));

    /**
     * Returns every address of the host, never an empty list.
     *
     * @throws UnknownHostException when the name does not resolve
     */
    List<InetAddress> resolve(String host) throws UnknownHostException;
}
