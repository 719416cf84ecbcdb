package io.channelmind.security.testing;

import java.net.URL;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;

/**
 * The role walk of one service: a service's {@code @QuarkusTest} subclass names the service,
 * and this test runs {@link RoleWalk#assertRoleMatrix} against it with the repository's docs.
 */
public abstract class RoleMatrixCheck {

    private final String service;

    @TestHTTPResource("/")
    protected URL base;

    /** {@code service} is the module name as the role matrix in docs/security.md spells it. */
    protected RoleMatrixCheck(String service) {
        this.service = service;
    }

    @Test
    public void everyOperationEnforcesDocumentedRoles() throws Exception {
        RoleWalk.assertRoleMatrix(base.toURI(), Path.of("../docs"), service);
    }
}
