package dev.tessera.request.fake;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
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

    /** Proposals asked for, by domain (lower case). */
    static final Map<String, java.util.concurrent.atomic.AtomicInteger> PROPOSALS = new ConcurrentHashMap<>();

    public static int proposals(String domain) {
        java.util.concurrent.atomic.AtomicInteger count = PROPOSALS.get(domain.toLowerCase(Locale.ROOT));
        return count == null ? 0 : count.get();
    }

    /** The organization the fake holds for a domain (a proposed one once proposed), or null. */
    public static Map<String, Object> of(String domain) {
        return BY_DOMAIN.get(domain.toLowerCase(Locale.ROOT));
    }

    /** As catalog-service: the domain's organization, else a new proposed one named after the domain. */
    @POST
    @Path("proposals")
    public Map<String, Object> propose(@QueryParam("domain") String domain) {
        String key = domain.toLowerCase(Locale.ROOT);
        PROPOSALS.computeIfAbsent(key, k -> new java.util.concurrent.atomic.AtomicInteger()).incrementAndGet();
        return BY_DOMAIN.computeIfAbsent(key, d -> Map.of("id", java.util.UUID.randomUUID().toString(),
                "displayName", d, "state", "proposed"));
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
