package dev.tessera.request.fake;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Stands in for catalog-service's {@code /internal/v1/managedAccessPackages}: tests say which
 * packages a user manages through catalog roles; the user is the {@code oid} of the bearer token.
 * Counts the calls, so a test can see that administrators are decided without one.
 */
@Path("/internal/v1/managedAccessPackages")
@Produces(MediaType.APPLICATION_JSON)
public class FakeManagedPackagesApi {

    private static final Map<String, List<String>> MANAGED = new ConcurrentHashMap<>();
    private static final Map<String, AtomicInteger> CALLS = new ConcurrentHashMap<>();
    private static final Pattern OID = Pattern.compile("\"oid\"\\s*:\\s*\"([^\"]+)\"");

    public static void manages(String userId, String... accessPackageIds) {
        MANAGED.put(userId, List.of(accessPackageIds));
    }

    public static int callsBy(String userId) {
        return CALLS.getOrDefault(userId, new AtomicInteger()).get();
    }

    @GET
    public Map<String, Object> mine(@HeaderParam("Authorization") String authorization) {
        String oid = oid(authorization);
        CALLS.computeIfAbsent(oid, k -> new AtomicInteger()).incrementAndGet();
        return Map.of("all", false, "accessPackageIds", MANAGED.getOrDefault(oid, List.of()));
    }

    private static String oid(String authorization) {
        String[] parts = authorization.substring("Bearer ".length()).split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        Matcher m = OID.matcher(payload);
        return m.find() ? m.group(1) : "";
    }
}
