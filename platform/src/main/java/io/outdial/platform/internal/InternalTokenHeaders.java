package io.outdial.platform.internal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;

import org.eclipse.microprofile.rest.client.ext.ClientHeadersFactory;

/**
 * Sends this service's internal token on a REST client's requests to another service's
 * {@code /internal/**} endpoints: {@code @RegisterClientHeaders(InternalTokenHeaders.class)}.
 */
@ApplicationScoped
public class InternalTokenHeaders implements ClientHeadersFactory {

    private final InternalTokens tokens;

    public InternalTokenHeaders(InternalTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public MultivaluedMap<String, String> update(MultivaluedMap<String, String> incoming,
            MultivaluedMap<String, String> outgoing) {
        MultivaluedMap<String, String> headers = new MultivaluedHashMap<>();
        headers.putSingle(HttpHeaders.AUTHORIZATION, "Bearer " + tokens.current());
        return headers;
    }
}
