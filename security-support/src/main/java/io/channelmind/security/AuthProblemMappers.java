package io.channelmind.security;

import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.channelmind.web.Problem;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * Turns failed authentication and authorisation into RFC 9457 problem details: {@code 401}
 * with a {@code WWW-Authenticate: Bearer} challenge when the token is missing, expired or not
 * signed by the configured key, and {@code 403} naming the caller's roles when they may not
 * call the operation. Because {@code quarkus.http.auth.proactive} is {@code false}, these
 * failures reach the REST layer as exceptions and are mapped here.
 */
public class AuthProblemMappers {

    private static final Logger LOG = Logger.getLogger(AuthProblemMappers.class);
    private static final String CHALLENGE = "Bearer realm=\"channelmind\"";

    private final SecurityIdentity identity;

    public AuthProblemMappers(SecurityIdentity identity) {
        this.identity = identity;
    }

    @ServerExceptionMapper
    public Response mapUnauthorized(UnauthorizedException exception, @Context UriInfo uriInfo) {
        return unauthorized("This operation needs a bearer token",
                "Send 'Authorization: Bearer <token>' with a token from your identity provider"
                        + " (locally: ./channelmind token --role <role>)", uriInfo);
    }

    @ServerExceptionMapper
    public Response mapAuthenticationFailed(AuthenticationFailedException exception, @Context UriInfo uriInfo) {
        // The reason (expired, wrong issuer, bad signature) goes to the log only, because it helps an attacker probe.
        LOG.debugf("Bearer token rejected on %s: %s", uriInfo.getPath(), exception.getMessage());
        return unauthorized("The bearer token is invalid or expired",
                "Request a new token; it must be signed by the configured key and issued by the configured issuer",
                uriInfo);
    }

    @ServerExceptionMapper
    public Response mapForbidden(ForbiddenException exception, @Context UriInfo uriInfo) {
        String roles = identity.isAnonymous() ? "none" : String.join(", ", identity.getRoles());
        Problem problem = Problem.of(403, "forbidden", "Role not allowed")
                .detail("The token's roles (" + roles + ") may not call this operation")
                .instance(uriInfo.getPath())
                .error("groups", identity.getRoles(),
                        "Use a token with a role that docs/security.md lists for this operation")
                .build();
        return Response.status(403).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    private static Response unauthorized(String detail, String fix, UriInfo uriInfo) {
        Problem problem = Problem.of(401, "unauthorized", "Authentication required")
                .detail(detail)
                .instance(uriInfo.getPath())
                .error("Authorization", null, fix)
                .build();
        return Response.status(401)
                .header(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE)
                .type(Problem.MEDIA_TYPE)
                .entity(problem)
                .build();
    }
}
