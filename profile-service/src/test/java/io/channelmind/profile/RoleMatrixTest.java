package io.channelmind.profile;

import io.channelmind.security.testing.RoleMatrixCheck;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class RoleMatrixTest extends RoleMatrixCheck {

    RoleMatrixTest() {
        super("profile-service");
    }
}
