package io.channelmind.automation.rest;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.channelmind.automation.journey.JourneyResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Checks /q/openapi against the JAX-RS resources of automation-service: every resource method is
 * an operation with a summary, a schema for its request body and its success responses, and
 * problem details (application/problem+json with the Problem schema) for every error response.
 */
@QuarkusTest
class OpenApiCompletenessTest {

    private static final String ROOT_PACKAGE = "io.channelmind.automation";
    private static final Set<Class<? extends Annotation>> HTTP_METHODS = Set.of(GET.class, POST.class, PUT.class,
            DELETE.class, PATCH.class);
    private static final Set<String> NON_ENTITY_PARAMETERS = Set.of("PathParam", "QueryParam", "HeaderParam",
            "CookieParam", "FormParam", "MatrixParam", "BeanParam", "Context", "RestPath", "RestQuery", "RestHeader",
            "RestForm", "RestCookie", "RestMatrix");

    /** One JAX-RS resource method as the code declares it. */
    private record Operation(String path, String method, Method javaMethod) {

        String name() {
            return method.toUpperCase(Locale.ROOT) + " " + path + " (" + javaMethod.getDeclaringClass().getSimpleName()
                    + "." + javaMethod.getName() + ")";
        }

        boolean hasEntity() {
            for (Parameter parameter : javaMethod.getParameters()) {
                boolean annotated = Stream.of(parameter.getAnnotations())
                        .anyMatch(annotation -> NON_ENTITY_PARAMETERS.contains(annotation.annotationType().getSimpleName()));
                if (!annotated) {
                    return true;
                }
            }
            return false;
        }
    }

    @Test
    void everyOperationIsDocumented() throws Exception {
        JsonNode document = new ObjectMapper().readTree(given().queryParam("format", "json").get("/q/openapi")
                .then().statusCode(200).extract().asString());
        List<Operation> operations = resourceOperations();
        List<String> problems = new ArrayList<>();

        for (Operation operation : operations) {
            JsonNode documented = document.path("paths").path(operation.path()).path(operation.method());
            if (documented.isMissingNode()) {
                problems.add(operation.name() + ": missing from /q/openapi");
                continue;
            }
            check(operation, documented, problems);
        }

        assertTrue(operations.size() > 30, "found only " + operations.size() + " resource methods; is the scan broken?");
        assertEquals(List.of(), problems, problems.size() + " problem(s) in /q/openapi");
    }

    @Test
    void problemSchemaDescribesMembers() throws Exception {
        JsonNode document = new ObjectMapper().readTree(given().queryParam("format", "json").get("/q/openapi")
                .then().statusCode(200).extract().asString());

        JsonNode properties = document.path("components").path("schemas").path("Problem").path("properties");

        for (String member : List.of("type", "title", "status", "detail", "instance", "errors")) {
            assertTrue(properties.has(member), "the Problem schema lacks " + member);
        }
    }

    private static void check(Operation operation, JsonNode documented, List<String> problems) {
        String name = operation.name();
        if (documented.path("summary").asText("").isBlank()) {
            problems.add(name + ": no summary");
        }
        if (operation.hasEntity() && !hasSchema(documented.path("requestBody").path("content"))) {
            problems.add(name + ": request body without a schema");
        }

        boolean success = false;
        boolean error = false;
        var responses = documented.path("responses").fields();
        while (responses.hasNext()) {
            var response = responses.next();
            String code = response.getKey();
            JsonNode content = response.getValue().path("content");
            if (code.startsWith("2")) {
                success = true;
                if (!code.equals("204") && !hasSchema(content)) {
                    problems.add(name + ": response " + code + " without a schema");
                }
            } else if (code.startsWith("3")) {
                // A redirect has a Location header and no body.
                success = true;
            } else if (code.startsWith("4") || code.startsWith("5")) {
                error = true;
                String reference = content.path("application/problem+json").path("schema").path("$ref").asText("");
                if (!reference.endsWith("/Problem")) {
                    problems.add(name + ": response " + code + " is not application/problem+json with the Problem schema");
                }
            }
        }
        if (!success) {
            problems.add(name + ": no success response");
        }
        if (!error) {
            problems.add(name + ": no problem-details response");
        }
    }

    private static boolean hasSchema(JsonNode content) {
        if (!content.isObject() || content.isEmpty()) {
            return false;
        }
        var media = content.elements();
        while (media.hasNext()) {
            JsonNode schema = media.next().path("schema");
            if (!schema.isObject() || schema.isEmpty()) {
                return false;
            }
        }
        return true;
    }

    /** Returns the resource methods of every {@code @Path} class under the root package, except REST clients. */
    private static List<Operation> resourceOperations() throws IOException, URISyntaxException, ClassNotFoundException {
        Path classes = Path.of(JourneyResource.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<Operation> operations = new ArrayList<>();
        List<Path> classFiles;
        try (Stream<Path> files = Files.walk(classes.resolve(ROOT_PACKAGE.replace('.', '/')))) {
            classFiles = files.filter(file -> file.toString().endsWith(".class")).sorted().toList();
        }
        for (Path file : classFiles) {
            String className = classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
            Class<?> type = Class.forName(className, false, JourneyResource.class.getClassLoader());
            jakarta.ws.rs.Path root = type.getAnnotation(jakarta.ws.rs.Path.class);
            if (root == null || type.isAnnotationPresent(RegisterRestClient.class)) {
                continue;
            }
            for (Method method : type.getDeclaredMethods()) {
                String httpMethod = httpMethod(method);
                if (httpMethod == null) {
                    continue;
                }
                jakarta.ws.rs.Path sub = method.getAnnotation(jakarta.ws.rs.Path.class);
                operations.add(new Operation(join(root.value(), sub == null ? "" : sub.value()), httpMethod, method));
            }
        }
        return operations;
    }

    private static String httpMethod(Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            HttpMethod http = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (http != null && HTTP_METHODS.contains(annotation.annotationType())) {
                return http.value().toLowerCase(Locale.ROOT);
            }
        }
        return null;
    }

    /** Joins class and method paths as OpenAPI writes them: one slash between parts, no trailing slash. */
    private static String join(String root, String sub) {
        String path = ("/" + root + "/" + sub).replaceAll("/+", "/");
        path = path.replaceAll("\\{([^}:]+)(:[^}]*)?}", "{$1}");
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
}
