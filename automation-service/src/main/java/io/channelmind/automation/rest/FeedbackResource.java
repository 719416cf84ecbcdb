package io.channelmind.automation.rest;

import java.util.Base64;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.channelmind.automation.feedback.FeedbackService;
import io.smallrye.mutiny.Uni;

/**
 * The public endpoints that links in sent e-mail point at: unsubscribe (RFC 8058 one-click and
 * a confirmation page), the open pixel and click redirects. Every link is signed with
 * HMAC-SHA256, so none of them accepts an identifier that this service did not send.
 */
@PermitAll
@Path("/api/v1")
@Tag(name = "feedback")
public class FeedbackResource {

    // A transparent 1x1 GIF89a (42 bytes).
    private static final byte[] PIXEL = Base64.getDecoder()
            .decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");

    private final FeedbackService feedback;

    public FeedbackResource(FeedbackService feedback) {
        this.feedback = feedback;
    }

    @GET
    @Path("/unsubscribe/{token}")
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "Show the unsubscribe confirmation page",
            description = "Changes nothing, because mail scanners open links. The page's button sends the POST."
                    + " The language is the lang parameter (en or zh-CN), else the Accept-Language header.")
    @APIResponse(responseCode = "200", description = "The page with a button that confirms",
            content = @Content(mediaType = MediaType.TEXT_HTML, schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "400", description = "The token is not signed by this service or was changed")
    @APIResponse(responseCode = "410", description = "The token has expired")
    public Uni<Response> confirmationPage(@PathParam("token") String token, @QueryParam("lang") String lang,
            @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage) {
        UnsubscribePages.Language language = UnsubscribePages.language(lang, acceptLanguage);
        return feedback.checkUnsubscribe(token)
                .map(send -> html(UnsubscribePages.confirmation(language)));
    }

    @POST
    @Path("/unsubscribe/{token}")
    @Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.WILDCARD})
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "Unsubscribe the recipient of a message from its channel",
            description = "The RFC 8058 one-click endpoint (body List-Unsubscribe=One-Click) and the target of the"
                    + " confirmation page. Puts the address on the do-not-contact list and publishes an unsubscribed"
                    + " event to cm.deliveries. Repeating it changes nothing.")
    @APIResponse(responseCode = "200", description = "Unsubscribed. The response is a confirmation page",
            content = @Content(mediaType = MediaType.TEXT_HTML, schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "400", description = "The token is not signed by this service or was changed")
    @APIResponse(responseCode = "404", description = "No sent message has the token")
    @APIResponse(responseCode = "410", description = "The token has expired")
    public Uni<Response> unsubscribe(@PathParam("token") String token, @QueryParam("lang") String lang,
            @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage) {
        UnsubscribePages.Language language = UnsubscribePages.language(lang, acceptLanguage);
        return feedback.unsubscribe(token).map(ignored -> html(UnsubscribePages.done(language)));
    }

    @GET
    @Path("/feedback/open")
    @Produces("image/gif")
    @Operation(summary = "Return the open-tracking pixel and record an open",
            description = "Always returns the 1x1 GIF. Records an opened event once per message when the signature"
                    + " matches.")
    @APIResponse(responseCode = "200", description = "A transparent 1x1 GIF",
            content = @Content(mediaType = "image/gif", schema = @Schema(type = SchemaType.STRING, format = "binary")))
    public Uni<Response> open(@Parameter(description = "Message token") @QueryParam("m") String messageToken,
            @Parameter(description = "Signature") @QueryParam("s") String signature) {
        return feedback.open(messageToken, signature).map(ignored -> Response.ok(PIXEL, "image/gif")
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .build());
    }

    @GET
    @Path("/feedback/click")
    @Operation(summary = "Record a click and redirect to the link target",
            description = "Redirects only when the signature matches the message token and the target, so it is"
                    + " never an open redirect. Records a clicked event once per message.")
    @APIResponse(responseCode = "303", description = "Redirect to the target")
    @APIResponse(responseCode = "400", description = "The link is unsigned, tampered or its target is not http(s)")
    public Uni<Response> click(@Parameter(description = "Message token") @QueryParam("m") String messageToken,
            @Parameter(description = "Target URL") @QueryParam("u") String target,
            @Parameter(description = "Signature") @QueryParam("s") String signature) {
        return feedback.click(messageToken, target, signature).map(uri -> Response.seeOther(uri).build());
    }

    private static Response html(String page) {
        return Response.ok(page, MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .build();
    }
}
