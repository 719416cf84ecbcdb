package io.channelmind.web.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The steps of a service's bad-input suite: at least {@link #MIN_CASES} malformed requests, each
 * of which must get a 4xx problem, and then a normal request that must still succeed. A
 * subclass annotated with {@code @QuarkusTest} supplies the cases and the normal request.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public abstract class BadInputSuiteBase {

    /** Minimum number of malformed requests in a service's suite. */
    public static final int MIN_CASES = 30;

    /** Returns the malformed requests; called once, after the service has started. */
    protected abstract List<BadRequest> cases();

    /** Sends a normal request and asserts that it succeeds. */
    protected abstract void assertServing();

    private List<BadRequest> cases;

    @Test
    @Order(1)
    void suiteHasEnoughCases() {
        cases = cases();
        assertTrue(cases.size() >= MIN_CASES, getClass().getSimpleName() + " needs at least " + MIN_CASES
                + " malformed requests, has " + cases.size());
    }

    @TestFactory
    @Order(2)
    Stream<DynamicTest> malformedRequestsGetProblems() {
        return BadInputSuite.tests(cases == null ? cases() : cases);
    }

    /** Runs after every other test of the suite, subclasses' included, which use orders below 100. */
    @Test
    @Order(100)
    void serviceAnswersAfterSuite() {
        assertServing();
    }
}
