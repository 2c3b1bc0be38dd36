package dev.tessera.platform.graph;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import org.eclipse.microprofile.rest.client.ext.ClientHeadersFactory;

/**
 * The {@code Authorization} header of every call one Tessera service makes to another: the calling
 * service's own {@link ServiceToken}, never the user's token. The calling service has already
 * authorized its user; what it asks a peer on their behalf (whose catalog roles, which user) is
 * in the request itself. Register it on each REST client with
 * {@code @RegisterClientHeaders(ServiceTokenHeaders.class)}.
 */
@ApplicationScoped
public class ServiceTokenHeaders implements ClientHeadersFactory {

    @Inject
    ServiceToken token;

    @Override
    public MultivaluedMap<String, String> update(MultivaluedMap<String, String> incoming,
            MultivaluedMap<String, String> outgoing) {
        MultivaluedMap<String, String> headers = new MultivaluedHashMap<>();
        headers.putSingle(HttpHeaders.AUTHORIZATION, token.authorization());
        return headers;
    }
}
