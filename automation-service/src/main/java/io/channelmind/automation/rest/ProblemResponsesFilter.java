package io.channelmind.automation.rest;

import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

import io.channelmind.web.Problem;

/**
 * Documents the error responses of every operation as RFC 9457 problem details, as the
 * exception mappers of web-support write them: each 4xx and 5xx response gets the content
 * application/problem+json with the {@code Problem} schema. Every operation also gets a 500
 * response, because an unexpected exception becomes a 500 problem, and an operation with a request
 * body gets a 400 response, because malformed JSON becomes a 400 problem. Registered with
 * {@code mp.openapi.filter}.
 *
 * <p>NOTE: the other services document their problems by hand; this filter could move to web-support.
 */
public class ProblemResponsesFilter implements OASFilter {

    static final String SCHEMA = "Problem";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        openAPI.getComponents().addSchema(SCHEMA, problemSchema());
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().values().forEach(item -> item.getOperations().values().forEach(this::document));
    }

    private void document(Operation operation) {
        if (operation.getResponses() == null) {
            operation.setResponses(OASFactory.createAPIResponses());
        }
        APIResponses responses = operation.getResponses();
        if (operation.getRequestBody() != null && !responses.hasAPIResponse("400")) {
            responses.addAPIResponse("400", OASFactory.createAPIResponse()
                    .description("The request body is not valid JSON or does not match the schema"));
        }
        if (!responses.hasAPIResponse("500")) {
            responses.addAPIResponse("500", OASFactory.createAPIResponse()
                    .description("The request failed unexpectedly; the problem names no internal detail"));
        }
        for (Map.Entry<String, APIResponse> response : responses.getAPIResponses().entrySet()) {
            if (response.getKey().startsWith("4") || response.getKey().startsWith("5")) {
                response.getValue().setContent(problemContent());
            }
        }
    }

    private static Content problemContent() {
        return OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE, OASFactory.createMediaType()
                .schema(OASFactory.createSchema().ref(SCHEMA)));
    }

    private static Schema problemSchema() {
        Schema fieldError = OASFactory.createSchema().type(List.of(Schema.SchemaType.OBJECT))
                .description("One invalid input: where it is, the rejected value and what to do instead")
                .addProperty("field", string("JSON path, query parameter or column name"))
                .addProperty("value", OASFactory.createSchema().description("The rejected value as received"))
                .addProperty("message", string("What is wrong and what to do instead"));
        return OASFactory.createSchema().type(List.of(Schema.SchemaType.OBJECT))
                .description("RFC 9457 problem details; further members such as campaignStatus may follow")
                .addProperty("type", string("Stable URN of the kind of problem, such as urn:channelmind:problem:journey-not-found"))
                .addProperty("title", string("Short title, the same for every problem of the type"))
                .addProperty("status", OASFactory.createSchema().type(List.of(Schema.SchemaType.INTEGER))
                        .description("HTTP status code"))
                .addProperty("detail", string("What went wrong in this case and what to do next"))
                .addProperty("instance", string("The request path"))
                .addProperty("errors", OASFactory.createSchema().type(List.of(Schema.SchemaType.ARRAY)).items(fieldError)
                        .description("Each invalid field, when the request had invalid fields"))
                .required(List.of("type", "title", "status"));
    }

    private static Schema string(String description) {
        return OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)).description(description);
    }
}
