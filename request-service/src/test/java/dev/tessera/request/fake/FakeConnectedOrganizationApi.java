package dev.tessera.request.fake;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Stands in for catalog-service's connected-organization lookup by domain over real HTTP. */
@Path("/internal/connected-organizations")
@Produces(MediaType.APPLICATION_JSON)
public class FakeConnectedOrganizationApi {

    static final Map<String, Map<String, Object>> BY_DOMAIN = new ConcurrentHashMap<>();

    public static void organization(String id, String displayName, String state, String domain) {
        BY_DOMAIN.put(domain.toLowerCase(Locale.ROOT), Map.of("id", id, "displayName", displayName, "state", state));
    }

    @GET
    public Map<String, Object> byDomain(@QueryParam("domain") String domain) {
        Map<String, Object> organization = BY_DOMAIN.get(domain.toLowerCase(Locale.ROOT));
        if (organization == null) {
            throw new NotFoundException();
        }
        return organization;
    }
}
