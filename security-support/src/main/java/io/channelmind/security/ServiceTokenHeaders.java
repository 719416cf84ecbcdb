package io.channelmind.security;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.rest.client.ext.ClientHeadersFactory;
import org.jboss.logging.Logger;

/**
 * Adds this service's own bearer token ({@code channelmind.security.service-token}, role
 * {@code service}) to every call of a REST client registered with
 * {@code @RegisterClientHeaders(ServiceTokenHeaders.class)}. The token never comes from the
 * incoming request, so a service cannot pass a user's rights on, and a user's token is never
 * sent to another service.
 */
@ApplicationScoped
public class ServiceTokenHeaders implements ClientHeadersFactory {

    private static final Logger LOG = Logger.getLogger(ServiceTokenHeaders.class);

    private final Optional<String> token;
    private boolean warned;

    public ServiceTokenHeaders(@ConfigProperty(name = "channelmind.security.service-token") Optional<String> token) {
        this.token = token.map(String::strip).filter(value -> !value.isEmpty());
    }

    @Override
    public MultivaluedMap<String, String> update(MultivaluedMap<String, String> incomingHeaders,
            MultivaluedMap<String, String> clientOutgoingHeaders) {
        MultivaluedMap<String, String> headers = new MultivaluedHashMap<>();
        if (token.isPresent()) {
            headers.putSingle(HttpHeaders.AUTHORIZATION, "Bearer " + token.get());
        } else if (!warned) {
            warned = true;
            LOG.warn("channelmind.security.service-token (env CHANNELMIND_SECURITY_SERVICE_TOKEN) is not set, so calls"
                    + " to other ChannelMind services carry no token and get 401; set it to a token with role 'service'");
        }
        return headers;
    }
}
