package io.channelmind.security.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Assertions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.channelmind.security.Roles;
import io.channelmind.stack.auth.JwtSigner;

/**
 * Checks a running service's role matrix against its OpenAPI document and docs/security.md.
 * The document's {@code security} requirement of each operation lists the roles of the
 * method's {@code @RolesAllowed}, and an operation without one is public ({@code @PermitAll}).
 * {@link #matrix} reads those roles, {@link #documentedMatrix} reads the table in the docs,
 * and {@link #walk} calls every operation without a token, with an expired token, and with a
 * token of each role, and lists every response that breaks the matrix.
 */
public final class RoleWalk {

    /** The roles column of a public operation in docs/security.md. */
    public static final String PUBLIC = "public";

    private static final String UNAUTHORIZED = "urn:channelmind:problem:unauthorized";
    private static final String FORBIDDEN = "urn:channelmind:problem:forbidden";
    private static final Set<String> METHODS = Set.of("get", "post", "put", "delete", "patch");
    private static final Pattern ROW = Pattern.compile(
            "^\\|\\s*([a-z-]+)\\s*\\|\\s*`(GET|POST|PUT|DELETE|PATCH) ([^`]+)`\\s*\\|\\s*([^|]+?)\\s*\\|");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    public RoleWalk(URI base) {
        this.base = base;
    }

    /**
     * Asserts that the service at {@code base} enforces the role matrix that its annotations
     * declare, and that docs/security.md and docs/security.zh-CN.md list the same matrix.
     * {@code docs} is the repository's docs folder.
     */
    public static void assertRoleMatrix(URI base, Path docs, String service) throws IOException, InterruptedException {
        RoleWalk roleWalk = new RoleWalk(base);
        Map<String, String> declared = roleWalk.matrix();

        for (String document : List.of("security.md", "security.zh-CN.md")) {
            Map<String, String> documented = documentedMatrix(docs.resolve(document), service);
            Assertions.assertEquals(table(declared), table(documented),
                    "The role matrix rows of " + service + " in docs/" + document + " must match its @RolesAllowed"
                            + " annotations (expected) as the OpenAPI document lists them");
        }
        List<String> failures = roleWalk.walk(declared);
        Assertions.assertTrue(failures.isEmpty(), failures.size() + " responses break the role matrix of " + service
                + ":\n" + String.join("\n", failures));
    }

    private static String table(Map<String, String> matrix) {
        StringBuilder rows = new StringBuilder();
        matrix.forEach((operation, roles) -> rows.append(operation).append(" -> ").append(roles).append('\n'));
        return rows.toString();
    }

    /**
     * Returns the roles of every operation ("GET /api/v1/x/{id}") in the service's OpenAPI
     * document, sorted; a public operation maps to {@link #PUBLIC}.
     */
    public Map<String, String> matrix() throws IOException, InterruptedException {
        HttpResponse<String> response = send(HttpRequest.newBuilder(base.resolve("/q/openapi?format=json")).GET(), null);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET /q/openapi returned " + response.statusCode());
        }
        JsonNode paths = JSON.readTree(response.body()).path("paths");
        Map<String, String> matrix = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> path = it.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext();) {
                Map.Entry<String, JsonNode> operation = ops.next();
                if (METHODS.contains(operation.getKey())) {
                    matrix.put(operation.getKey().toUpperCase() + " " + path.getKey(), roles(operation.getValue()));
                }
            }
        }
        return matrix;
    }

    /** Returns the rows of the role matrix table in {@code document} whose service column is {@code service}. */
    public static Map<String, String> documentedMatrix(Path document, String service) throws IOException {
        Map<String, String> matrix = new TreeMap<>();
        for (String line : Files.readAllLines(document)) {
            Matcher row = ROW.matcher(line);
            if (row.find() && row.group(1).equals(service)) {
                matrix.put(row.group(2) + " " + row.group(3), normalise(row.group(4)));
            }
        }
        return matrix;
    }

    /**
     * Calls every operation of {@code matrix} and returns one line per response that breaks it.
     * A protected operation must return 401 without a token and with an admin token that is
     * expired, signed by another key or made for another audience. It must return 403 to each
     * role it does not list, and neither to the roles it lists. A public operation must not
     * return the bearer-token 401 or 403 at all.
     */
    public List<String> walk(Map<String, String> matrix) throws IOException, InterruptedException {
        List<String> failures = new ArrayList<>();
        String expired = TestTokens.token("test-expired", List.of(Roles.ADMIN), Duration.ofMinutes(-5));
        String foreign = new JwtSigner(JwtSigner.generateKeyPair().getPrivate(), JwtSigner.LOCAL_ISSUER)
                .sign("test-foreign", List.of(Roles.ADMIN), Duration.ofMinutes(5));
        String otherAudience = TestTokens.forOtherAudience("another-application");
        for (Map.Entry<String, String> operation : matrix.entrySet()) {
            String name = operation.getKey();
            boolean open = operation.getValue().equals(PUBLIC);
            Set<String> allowed = open ? Set.copyOf(Roles.ALL) : Set.of(operation.getValue().split(", "));

            expect(failures, name, "no token", call(name, null), open ? null : UNAUTHORIZED);
            if (!open) {
                expect(failures, name, "an expired admin token", call(name, expired), UNAUTHORIZED);
                expect(failures, name, "an admin token signed by another key", call(name, foreign), UNAUTHORIZED);
                expect(failures, name, "an admin token for another audience", call(name, otherAudience), UNAUTHORIZED);
            }
            for (String role : Roles.ALL) {
                String problem = call(name, TestTokens.forRole(role));
                expect(failures, name, "role " + role, problem, allowed.contains(role) ? null : FORBIDDEN);
            }
        }
        return failures;
    }

    private static void expect(List<String> failures, String operation, String caller, String actual, String expected) {
        if (expected == null && (UNAUTHORIZED.equals(actual) || FORBIDDEN.equals(actual))) {
            failures.add(operation + " with " + caller + ": expected to pass, got " + actual);
        } else if (expected != null && !expected.equals(actual)) {
            failures.add(operation + " with " + caller + ": expected " + expected + ", got " + actual);
        }
    }

    /**
     * Sends the operation with placeholder path parameters and an empty JSON object as body,
     * and returns the problem type of a 401 or 403 response, or the status for any other.
     */
    private String call(String operation, String token) throws IOException, InterruptedException {
        String method = operation.substring(0, operation.indexOf(' '));
        String path = operation.substring(operation.indexOf(' ') + 1).replaceAll("\\{[^}]+}", "role-walk");
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30));
        boolean withBody = method.equals("POST") || method.equals("PUT") || method.equals("PATCH");
        request.method(method, withBody ? HttpRequest.BodyPublishers.ofString("{}") : HttpRequest.BodyPublishers.noBody());
        if (withBody) {
            request.header("Content-Type", "application/json");
        }
        HttpResponse<String> response = send(request, token);
        if (response.statusCode() == 401 || response.statusCode() == 403) {
            String type = response.body().isEmpty() ? "" : JSON.readTree(response.body()).path("type").asText("");
            return type.isEmpty() ? "status " + response.statusCode() + " without problem type" : type;
        }
        return "status " + response.statusCode();
    }

    private HttpResponse<String> send(HttpRequest.Builder request, String token) throws IOException, InterruptedException {
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String roles(JsonNode operation) {
        Set<String> roles = new TreeSet<>();
        for (JsonNode requirement : operation.path("security")) {
            requirement.elements().forEachRemaining(scopes -> scopes.forEach(scope -> roles.add(scope.asText())));
        }
        return roles.isEmpty() ? PUBLIC : ordered(roles);
    }

    private static String normalise(String cell) {
        String value = cell.replace("`", "").strip();
        return value.equals(PUBLIC) ? PUBLIC : ordered(Set.of(value.split("\\s*,\\s*")));
    }

    /** Joins roles in the order of {@link Roles#ALL}, so the docs and the document compare as text. */
    private static String ordered(Set<String> roles) {
        List<String> known = new ArrayList<>(Roles.ALL.stream().filter(roles::contains).toList());
        roles.stream().filter(role -> !Roles.ALL.contains(role)).sorted().forEach(known::add);
        return String.join(", ", known);
    }
}
