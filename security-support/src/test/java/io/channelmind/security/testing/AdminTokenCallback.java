package io.channelmind.security.testing;

import java.net.URI;

import jakarta.ws.rs.core.HttpHeaders;

import io.channelmind.security.Roles;
import io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;
import io.restassured.RestAssured;
import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;

/**
 * Gives every REST Assured request of a Quarkus test an admin bearer token, so tests written
 * before authentication keep working unchanged. A request that carries its own
 * {@code Authorization} header (such as a write key's Basic credentials, or another role's
 * token) keeps it, and requests to the tracking paths {@code /v1/*} get none. Registered
 * through {@code META-INF/services}.
 */
public class AdminTokenCallback implements QuarkusTestBeforeEachCallback {

    private static final AdminTokenFilter FILTER = new AdminTokenFilter();

    @Override
    public void beforeEach(QuarkusTestMethodContext context) {
        // A filter rather than a default specification, because a specification would also fix the port.
        if (RestAssured.filters().stream().noneMatch(AdminTokenFilter.class::isInstance)) {
            RestAssured.filters(FILTER);
        }
    }

    /** Adds the admin token to a request without an {@code Authorization} header. */
    static final class AdminTokenFilter implements Filter {

        private final String header = "Bearer " + TestTokens.forRole(Roles.ADMIN);

        @Override
        public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification response,
                FilterContext context) {
            // ingestion's tracking paths take a write key, in the header or the body, and reject a bearer token.
            boolean tracking = URI.create(request.getURI()).getPath().startsWith("/v1/");
            if (!tracking && !request.getHeaders().hasHeaderWithName(HttpHeaders.AUTHORIZATION)) {
                request.header(HttpHeaders.AUTHORIZATION, header);
            }
            return context.next(request, response);
        }
    }
}
