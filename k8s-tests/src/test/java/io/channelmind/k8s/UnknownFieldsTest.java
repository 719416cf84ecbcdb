package io.channelmind.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;

/** Checks the unknown-field finder itself, without helm. */
class UnknownFieldsTest {

    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: demo
            spec:
              selector:
                matchLabels:
                  app: demo
              template:
                metadata:
                  labels:
                    app: demo
                spec:
                  containers:
                    - name: demo
                      image: demo:1
                      %s
            """;

    @Test
    void validDeploymentHasNone() {
        List<HasMetadata> objects = RenderedChart.parse(DEPLOYMENT.formatted("imagePullPolicy: Always"));

        assertEquals(1, objects.size());
        assertEquals(List.of(), UnknownFields.of(objects.get(0)));
    }

    @Test
    void misspeltContainerFieldFound() {
        List<HasMetadata> objects = RenderedChart.parse(DEPLOYMENT.formatted("imagePullPolicyy: Always"));

        assertEquals(List.of(".spec.template.spec.containers[0]: [imagePullPolicyy]"),
                UnknownFields.of(objects.get(0)));
    }

    @Test
    void misplacedHttpRouteFieldFound() {
        List<HasMetadata> objects = RenderedChart.parse("""
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata:
                  name: demo
                spec:
                  rules:
                    - backendRefs:
                        - name: demo
                          port: 80
                          path: /api
                """);

        assertInstanceOf(HTTPRoute.class, objects.get(0));
        List<String> unknown = UnknownFields.of(objects.get(0));
        assertEquals(1, unknown.size(), unknown::toString);
        assertTrue(unknown.get(0).endsWith(".spec.rules[0].backendRefs[0]: [path]"), unknown::toString);
    }
}
