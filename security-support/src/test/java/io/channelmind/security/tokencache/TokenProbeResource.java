package io.channelmind.security.tokencache;

import java.util.TreeSet;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.channelmind.security.Roles;
import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.ext.web.RoutingContext;

/** Shows the tests what the request's identity carries: name, roles and the request-bound attributes. */
@Path("/token-probe")
public class TokenProbeResource {

    @Inject
    SecurityIdentity identity;

    @Inject
    RoutingContext current;

    @GET
    @Produces(MediaType.TEXT_PLAIN)
    @RolesAllowed({ Roles.ADMIN, Roles.VIEWER })
    public String probe() {
        Object attached = identity.getAttribute(RoutingContext.class.getName());
        String probeOfIdentity = attached instanceof RoutingContext context ? context.request().getHeader("X-Probe")
                : "none";
        return String.join("|", identity.getPrincipal().getName(), String.join(",", new TreeSet<>(identity.getRoles())),
                probeOfIdentity, String.valueOf(attached instanceof RoutingContext context && context.request() == current.request()),
                String.valueOf((Object) identity.getAttribute("tenant-id")),
                String.valueOf(identity.<Object> getAttribute("quarkus.identity.expire-time") != null),
                String.valueOf(identity.getCredential(AccessTokenCredential.class) != null));
    }
}
