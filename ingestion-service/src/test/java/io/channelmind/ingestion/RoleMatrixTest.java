package io.channelmind.ingestion;

import io.channelmind.security.testing.RoleMatrixCheck;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class RoleMatrixTest extends RoleMatrixCheck {

    RoleMatrixTest() {
        super("ingestion-service");
    }
}
