package dev.tessera.request.fake;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stands in for catalog-service's {@code /internal/v1/managedAccessPackages}: tests say which
 * packages a user manages (Catalog owner, Access package manager, assignment manager) or only reads
 * (Catalog reader) through catalog roles; the user is {@code principalId} (request-service calls with
 * its service token, naming the user). The same
 * answers go into the caller flags of {@link FakeCatalogApi}'s requestContext, as catalog-service
 * decides both from one table. Counts the calls, so a test can see who is decided without one.
 */
@Path("/internal/v1/managedAccessPackages")
@Produces(MediaType.APPLICATION_JSON)
public class FakeManagedPackagesApi {

    private static final Map<String, List<String>> MANAGED = new ConcurrentHashMap<>();
    private static final Map<String, List<String>> READ = new ConcurrentHashMap<>();
    private static final Map<String, AtomicInteger> CALLS = new ConcurrentHashMap<>();

    public static void manages(String userId, String... accessPackageIds) {
        MANAGED.put(userId, List.of(accessPackageIds));
    }

    /** A Catalog reader of these packages' catalogs: reads their assignments and requests, manages nothing. */
    public static void reads(String userId, String... accessPackageIds) {
        READ.put(userId, List.of(accessPackageIds));
    }

    public static int callsBy(String userId) {
        return CALLS.getOrDefault(userId, new AtomicInteger()).get();
    }

    static boolean managedBy(String userId, String accessPackageId) {
        return MANAGED.getOrDefault(userId, List.of()).contains(accessPackageId);
    }

    static boolean readBy(String userId, String accessPackageId) {
        return managedBy(userId, accessPackageId) || READ.getOrDefault(userId, List.of()).contains(accessPackageId);
    }

    @GET
    public Map<String, Object> of(@QueryParam("principalId") String principalId) {
        String oid = principalId == null ? "" : principalId;
        CALLS.computeIfAbsent(oid, k -> new AtomicInteger()).incrementAndGet();
        List<String> managed = MANAGED.getOrDefault(oid, List.of());
        Set<String> readable = new LinkedHashSet<>(managed);
        readable.addAll(READ.getOrDefault(oid, List.of()));
        return Map.of("accessPackageIds", managed, "readableAccessPackageIds", new ArrayList<>(readable));
    }
}
