package dev.tessera.request.fake;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Stands in for catalog-service's connected-organization lookups (by domain, sponsors) over real HTTP. */
@Path("/internal/connected-organizations")
@Produces(MediaType.APPLICATION_JSON)
public class FakeConnectedOrganizationApi {

    static final Map<String, Map<String, Object>> BY_DOMAIN = new ConcurrentHashMap<>();

    public static void organization(String id, String displayName, String state, String domain) {
        BY_DOMAIN.put(domain.toLowerCase(Locale.ROOT), Map.of("id", id, "displayName", displayName, "state", state));
    }

    static final Map<String, Map<String, Object>> SPONSORS = new ConcurrentHashMap<>();

    public static void sponsors(String organizationId, List<String> internal, List<String> external) {
        SPONSORS.put(organizationId, Map.of("id", organizationId, "internalSponsors", internal,
                "externalSponsors", external));
    }

    @GET
    @Path("{id}/sponsors")
    public Map<String, Object> sponsors(@PathParam("id") String id) {
        Map<String, Object> organization = BY_DOMAIN.values().stream().filter(o -> id.equals(o.get("id"))).findFirst()
                .orElseThrow(NotFoundException::new);
        return SPONSORS.getOrDefault(id, Map.of("id", organization.get("id"), "internalSponsors", List.of(),
                "externalSponsors", List.of()));
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
