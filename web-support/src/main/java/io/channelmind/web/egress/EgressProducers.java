package io.channelmind.web.egress;

import java.util.List;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.quarkus.arc.DefaultBean;
import io.vertx.core.Vertx;

/** Beans of the egress guard for the services; a test replaces {@link HostResolver} with a stub. */
@Singleton
public class EgressProducers {

    @Produces
    @DefaultBean
    @Singleton
    HostResolver hostResolver() {
        return HostResolver.SYSTEM;
    }

    /** Fails the startup of a service whose allow-list contains a malformed entry. */
    @Produces
    @Singleton
    EgressGuard egressGuard(EgressConfig config, HostResolver resolver) {
        return new EgressGuard(config.allowList().orElse(List.of()), resolver);
    }

    @Produces
    @Singleton
    EgressHttpClient egressHttpClient(EgressGuard guard, Vertx vertx) {
        return new EgressHttpClient(guard, new VertxTransport(vertx));
    }
}
