package io.channelmind.web.audit;

import java.util.List;

import io.quarkus.security.identity.SecurityIdentity;

/**
 * The author of a change: the principal name of the request's security identity, {@code anonymous}
 * without one, {@code service:<name>} for a caller with the role {@code service}, and
 * {@code system} for a change that no request made, such as a scheduled launch.
 */
public record AuditActor(String name, List<String> roles) {

    public static final String ANONYMOUS = "anonymous";
    public static final String SYSTEM = "system";
    static final String SERVICE_ROLE = "service";

    public static AuditActor anonymous() {
        return new AuditActor(ANONYMOUS, List.of());
    }

    public static AuditActor system() {
        return new AuditActor(SYSTEM, List.of());
    }

    /** Returns the actor of the identity, or {@link #anonymous()} for null or an anonymous identity. */
    public static AuditActor of(SecurityIdentity identity) {
        if (identity == null || identity.isAnonymous() || identity.getPrincipal() == null) {
            return anonymous();
        }
        List<String> roles = identity.getRoles().stream().sorted().toList();
        String name = identity.getPrincipal().getName();
        return new AuditActor(roles.contains(SERVICE_ROLE) ? "service:" + name : name, roles);
    }
}
