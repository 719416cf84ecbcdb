package io.channelmind.web.egress;

import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/** Settings of the egress guard ({@code channelmind.egress.*}). */
@ConfigMapping(prefix = "channelmind.egress")
public interface EgressConfig {

    /**
     * Host names, IP addresses and CIDR blocks that outbound calls may reach even though they
     * are internal, such as a provider mock on 127.0.0.1 or an SMS gateway at 10.20.0.0/16.
     * Empty by default, so every internal address is rejected.
     */
    Optional<List<String>> allowList();
}
