package io.channelmind.web.audit;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.channelmind.web.Problem;
import io.smallrye.mutiny.Uni;

/**
 * Reads the service's audit log. Every service that includes web-support serves its own log at
 * {@code /api/v1/audit}, which the gateway cannot route to one service, and at
 * {@code /api/v1/audit/<service name>}, which it routes to the service of that name.
 */
@Path("/api/v1/audit")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "audit")
public class AuditResource {

    private final AuditLog log;
    private final String serviceName;

    public AuditResource(AuditLog log, @ConfigProperty(name = "quarkus.application.name") String serviceName) {
        this.log = log;
        this.serviceName = serviceName;
    }

    @GET
    @RolesAllowed("admin")
    @Operation(summary = "List audit log entries, newest first",
            description = "Each entry names the actor, the action, the entity and its state before and after the"
                    + " change, with contact points and secrets redacted. An entry about a customer names them"
                    + " by a pseudonym in subject and entityId; subjectKey (a profile key) selects the customer's"
                    + " entries until an erasure deletes the pseudonym. from is inclusive and to exclusive"
                    + " (ISO-8601 UTC). A page has at most limit entries (default 50, at most 500); pass its"
                    + " nextBefore as before to read the next, older page.")
    @APIResponse(responseCode = "200", description = "The entries and the cursor of the next page")
    @APIResponse(responseCode = "400", description = "Invalid filter, as problem details naming each invalid parameter")
    public Uni<AuditPage> list(@QueryParam("entityType") String entityType, @QueryParam("entityId") String entityId,
            @QueryParam("subjectKey") String subjectKey, @QueryParam("actor") String actor,
            @QueryParam("action") String action, @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("before") String before, @QueryParam("limit") String limit) {
        AuditQuery query = AuditQuery.parse(entityType, entityId, subjectKey, actor, action, from, to, before, limit);
        return log.find(query);
    }

    @GET
    @Path("{service}")
    @RolesAllowed("admin")
    @Operation(summary = "List the audit log entries of the named service, newest first",
            description = "The same as GET /api/v1/audit, under a path that the gateway routes to the service"
                    + " named in it. service must be the name of the service that receives the request.")
    @APIResponse(responseCode = "200", description = "The entries and the cursor of the next page")
    @APIResponse(responseCode = "400", description = "Invalid filter, as problem details naming each invalid parameter")
    @APIResponse(responseCode = "404", description = "service is not the name of this service")
    public Uni<AuditPage> listOfService(@PathParam("service") String service,
            @QueryParam("entityType") String entityType, @QueryParam("entityId") String entityId,
            @QueryParam("subjectKey") String subjectKey, @QueryParam("actor") String actor,
            @QueryParam("action") String action, @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("before") String before, @QueryParam("limit") String limit) {
        if (!serviceName.equals(service)) {
            throw Problem.of(404, "audit-log-not-found", "Audit log not found")
                    .detail("This is " + serviceName + ", which serves only its own audit log")
                    .error("service", service, "Use /api/v1/audit/" + serviceName
                            + ", or send the request to the service with that name")
                    .toException();
        }
        return list(entityType, entityId, subjectKey, actor, action, from, to, before, limit);
    }
}
