package io.channelmind.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Compares the JAX-RS resource paths and the static web files in the services' sources with the
 * routed path prefixes, so a new public resource or page cannot be left unrouted and a routed
 * prefix cannot reach the wrong service.
 */
class ResourceRoutesTest {

    /**
     * Resource paths that are deliberately not public, each with the reason. Each service keeps
     * its own consumption counters, so a public prefix for them would have to pick one service.
     */
    private static final Map<Endpoint, String> NOT_ROUTED = Map.of(
            new Endpoint("profile-service", "/api/v1/stats"),
            "consumption counters of profile-service, read inside the cluster",
            new Endpoint("profile-service", "/api/v1/imports/{importId}/progress"),
            "per-import consumption count of profile-service; public /api/v1/imports belongs to ingestion-service",
            new Endpoint("channel-optimizer", "/api/v1/stats"),
            "consumption counters of channel-optimizer, read inside the cluster",
            new Endpoint("channel-optimizer", "/api/v1/imports/{importId}/progress"),
            "per-import consumption count of channel-optimizer; public /api/v1/imports belongs to ingestion-service",
            new Endpoint("channel-optimizer", "/api/v1/segments/{name}"),
            "channel-optimizer's count of consumed segment members;"
                    + " public /api/v1/segments belongs to profile-service");

    /**
     * The module whose resources every service serves, and the path parameter in them that each
     * service accepts only with its own name, so a routed prefix names the service in its place.
     */
    private static final String SHARED_MODULE = "web-support";
    private static final String SERVICE_NAME_PARAMETER = "{service}";
    /**
     * Paths of the shared resources that are deliberately not public: every service serves them,
     * so a prefix could reach only one. Each has a twin with the service's name in its path.
     */
    private static final Map<String, String> SHARED_NOT_ROUTED = Map.of(
            "/api/v1/audit", "each service's own audit log; /api/v1/audit/<service> is routed instead");

    /**
     * Quarkus serves health, metrics and OpenAPI under this non-application root. Probes and
     * Prometheus reach it inside the cluster, and it must not be public.
     */
    private static final String NON_APPLICATION_ROOT = "/q";

    private static final Pattern PATH = Pattern.compile("@Path\\(\"([^\"]*)\"\\)");
    private static final Pattern TYPE_DECLARATION = Pattern.compile(
            "^(?:public\\s+|final\\s+|abstract\\s+)*(?:class|interface|record)\\s+\\w+", Pattern.MULTILINE);
    private static final Pattern HTTP_METHOD = Pattern.compile("@(GET|POST|PUT|DELETE|PATCH|HEAD|OPTIONS)\\b");
    private static final Pattern SIGNATURE_END = Pattern.compile("\\)\\s*(throws[^{;]*)?\\{\\s*$", Pattern.MULTILINE);
    private static final Pattern STATEMENT_END = Pattern.compile("[;{}]\\s*$", Pattern.MULTILINE);

    /** One resource method path of one service, with its path parameters as written. */
    record Endpoint(String component, String path) {
    }

    @Test
    void sourcesDeclareResources() {
        Set<String> components = new TreeSet<>();
        resourceEndpoints().forEach(endpoint -> components.add(endpoint.component()));

        assertEquals(new TreeSet<>(ChartObjectsTest.COMPONENTS), components, "services with JAX-RS resources");
    }

    @ParameterizedTest
    @ValueSource(strings = {"default", "ingress"})
    void everyResourceRoutedToItsService(String caseName) {
        ValuesCase valuesCase = ValuesCase.all().stream().filter(candidate -> candidate.name().equals(caseName))
                .findFirst().orElseThrow();
        Map<String, List<String>> routed = ChartObjectsTest.routedPaths(RenderedChart.of(valuesCase));
        assertFalse(routed.isEmpty(), "routed prefixes in case " + caseName);

        for (Endpoint endpoint : resourceEndpoints()) {
            if (NOT_ROUTED.containsKey(endpoint) || SHARED_NOT_ROUTED.containsKey(endpoint.path())) {
                continue;
            }
            String prefix = longestMatchingPrefix(routed.keySet(), endpoint.path());
            assertNotNull(prefix, endpoint + " has no routed prefix; add it to publicPaths in values.yaml,"
                    + " or to NOT_ROUTED here with the reason");
            assertEquals(List.of(ChartObjectsTest.objectName(valuesCase, endpoint.component())), routed.get(prefix),
                    "Services behind " + prefix + ", which routes " + endpoint);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"default", "ingress"})
    void everyStaticFileRoutedToItsService(String caseName) {
        ValuesCase valuesCase = ValuesCase.named(caseName);
        Map<String, List<String>> routed = ChartObjectsTest.routedPaths(RenderedChart.of(valuesCase));

        for (Endpoint file : staticFiles()) {
            String prefix = longestMatchingPrefix(routed.keySet(), file.path());
            assertNotNull(prefix, file + " (a static web file) has no routed prefix; add its folder to publicPaths"
                    + " in values.yaml");
            assertEquals(List.of(ChartObjectsTest.objectName(valuesCase, file.component())), routed.get(prefix),
                    "Services behind " + prefix + ", which routes " + file);
        }
    }

    @Test
    void everyRoutedPrefixHasResource() {
        Map<String, List<String>> routed = ChartObjectsTest.routedPaths(RenderedChart.of(ValuesCase.all().get(0)));
        List<Endpoint> endpoints = new ArrayList<>(resourceEndpoints());
        endpoints.addAll(staticFiles());

        for (String prefix : routed.keySet()) {
            assertTrue(endpoints.stream().anyMatch(endpoint -> prefixMatches(prefix, endpoint.path())),
                    "routed prefix " + prefix + " reaches no resource in the sources");
            assertFalse(prefixMatches(NON_APPLICATION_ROOT, prefix), "routed prefix " + prefix
                    + " exposes the Quarkus non-application root " + NON_APPLICATION_ROOT);
        }
    }

    @Test
    void notRoutedEntriesExist() {
        List<Endpoint> endpoints = resourceEndpoints();

        for (Endpoint excluded : NOT_ROUTED.keySet()) {
            assertTrue(endpoints.contains(excluded), "NOT_ROUTED entry " + excluded + " is not in the sources");
        }
    }

    @Test
    void sharedResourcesServedByEveryService() {
        List<Endpoint> endpoints = resourceEndpoints();

        for (String component : ChartObjectsTest.COMPONENTS) {
            for (String path : SHARED_NOT_ROUTED.keySet()) {
                assertTrue(endpoints.contains(new Endpoint(component, path)), component + " serves " + path);
            }
            String named = "/api/v1/audit/" + component;
            assertTrue(endpoints.contains(new Endpoint(component, named)), component + " serves " + named);
        }
    }

    @Test
    void prefixMatchesWholeSegments() {
        assertTrue(prefixMatches("/v1", "/v1"), "/v1 matches itself");
        assertTrue(prefixMatches("/v1", "/v1/track"), "/v1 matches /v1/track");
        assertFalse(prefixMatches("/v1", "/v1x/track"), "/v1 must not match /v1x/track");
        assertFalse(prefixMatches("/v1", "/api/v1/imports"), "/v1 must not match /api/v1/imports");
        assertFalse(prefixMatches("/api/v1/copy", "/api/v1/copyright"),
                "/api/v1/copy must not match /api/v1/copyright");
    }

    /**
     * Returns whether a path prefix matches a request path the way Gateway API PathPrefix and
     * Ingress Prefix do: element by element, split on "/".
     */
    static boolean prefixMatches(String prefix, String path) {
        return path.equals(prefix) || path.startsWith(prefix + "/");
    }

    private static String longestMatchingPrefix(Set<String> prefixes, String path) {
        String longest = null;
        for (String prefix : prefixes) {
            if (prefixMatches(prefix, path) && (longest == null || prefix.length() > longest.length())) {
                longest = prefix;
            }
        }
        return longest;
    }

    /**
     * Returns the resource method paths of every service: the class-level {@code @Path} joined with
     * each HTTP method's {@code @Path}. REST client interfaces ({@code @RegisterRestClient}) are
     * calls to other services, so they are skipped. The resources of {@value #SHARED_MODULE} count
     * for every service, with {@value #SERVICE_NAME_PARAMETER} replaced by the service's name.
     */
    static List<Endpoint> resourceEndpoints() {
        List<Endpoint> endpoints = new ArrayList<>();
        Path repository = ValuesCase.k8sDir().getParent();
        List<String> shared = resourceSources(repository.resolve(SHARED_MODULE));
        for (String component : ChartObjectsTest.COMPONENTS) {
            for (String source : resourceSources(repository.resolve(component))) {
                addEndpoints(component, source, endpoints);
            }
            List<Endpoint> sharedEndpoints = new ArrayList<>();
            shared.forEach(source -> addEndpoints(component, source, sharedEndpoints));
            for (Endpoint endpoint : sharedEndpoints) {
                Endpoint named = new Endpoint(component, endpoint.path().replace(SERVICE_NAME_PARAMETER, component));
                if (!endpoints.contains(named)) {
                    endpoints.add(named);
                }
            }
        }
        return endpoints;
    }

    /** Returns the Java sources of the module that are not REST client interfaces. */
    private static List<String> resourceSources(Path module) {
        List<String> sources = new ArrayList<>();
        try (Stream<Path> files = Files.walk(module.resolve("src/main/java"))) {
            for (Path file : files.filter(candidate -> candidate.toString().endsWith(".java")).toList()) {
                String source = Files.readString(file);
                if (!source.contains("@RegisterRestClient")) {
                    sources.add(source);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sources;
    }

    /**
     * Returns the files that Quarkus serves from each service's
     * {@code src/main/resources/META-INF/resources}, with the request path of each.
     */
    static List<Endpoint> staticFiles() {
        List<Endpoint> files = new ArrayList<>();
        Path repository = ValuesCase.k8sDir().getParent();
        for (String component : ChartObjectsTest.COMPONENTS) {
            Path root = repository.resolve(component).resolve("src/main/resources/META-INF/resources");
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(root)) {
                walk.filter(Files::isRegularFile)
                        .map(file -> "/" + root.relativize(file).toString().replace('\\', '/'))
                        .sorted()
                        .forEach(path -> files.add(new Endpoint(component, path)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return files;
    }

    private static void addEndpoints(String component, String source, List<Endpoint> endpoints) {
        Matcher declaration = TYPE_DECLARATION.matcher(source);
        if (!declaration.find()) {
            return;
        }
        Matcher rootPath = PATH.matcher(source.substring(0, declaration.start()));
        if (!rootPath.find()) {
            return;
        }
        String root = rootPath.group(1);

        int position = declaration.end();
        Matcher method = HTTP_METHOD.matcher(source);
        while (method.find(position)) {
            // The method's annotations lie between the end of the previous member and its body.
            int start = lastStatementEnd(source, method.start());
            Matcher signatureEnd = SIGNATURE_END.matcher(source);
            int end = signatureEnd.find(method.end()) ? signatureEnd.start() : source.length();
            Matcher methodPath = PATH.matcher(source.substring(start, end));
            Endpoint endpoint = new Endpoint(component, methodPath.find() ? join(root, methodPath.group(1)) : root);
            if (!endpoints.contains(endpoint)) {
                endpoints.add(endpoint);
            }
            position = Math.max(end, method.end());
        }
    }

    private static int lastStatementEnd(String source, int before) {
        Matcher statementEnd = STATEMENT_END.matcher(source);
        statementEnd.region(0, before);
        int last = 0;
        while (statementEnd.find()) {
            last = statementEnd.end();
        }
        return last;
    }

    private static String join(String root, String path) {
        String joined = (root + "/" + path).replaceAll("/+", "/");
        return joined.length() > 1 && joined.endsWith("/") ? joined.substring(0, joined.length() - 1) : joined;
    }
}
