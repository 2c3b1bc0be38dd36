package dev.tessera.request.fake;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stands in for catalog-service's request-context endpoint over real HTTP (the REST client in tests
 * points at the test application itself); tests register the packages they need. Like every
 * {@code /internal} path it admits only the service token (the platform filter). The caller flags
 * ({@code callerManagesAssignments}, {@code callerReadsAssignments}) follow the roles of the user named
 * in {@code principalId} as registered in {@link FakeManagedPackagesApi}. Counts the calls per user.
 */
@Path("/internal/v1/accessPackages")
@Produces(MediaType.APPLICATION_JSON)
public class FakeCatalogApi {

    static final Map<String, ObjectNode> CONTEXTS = new ConcurrentHashMap<>();
    private static final Map<String, Integer> REFUSED = new ConcurrentHashMap<>();
    private static final Map<String, AtomicInteger> CALLS = new ConcurrentHashMap<>();

    public static void register(String accessPackageId, ObjectNode context) {
        CONTEXTS.put(accessPackageId, context);
    }

    /**
     * Gives a context (or an automatic policy's entry) one resource role: membership ("Member") of the
     * group {@code groupId}, as catalog-service describes a group's member role.
     */
    public static void groupMemberRole(ObjectNode context, String groupId) {
        context.putArray("resourceRoles").addObject()
                .put("roleId", UUID.randomUUID().toString()).put("roleDisplayName", "Member")
                .put("roleOriginId", "Member_" + groupId).put("originSystem", "AadGroup")
                .put("resourceId", UUID.randomUUID().toString()).put("resourceOriginId", groupId)
                .put("scopeOriginId", groupId);
    }

    /**
     * Registers a package with one admin-only policy ({@code notSpecified}, no approval, no expiry), one
     * group member role and no incompatibilities: the plainest thing an {@code adminAdd} can ask for.
     */
    public static void registerDirectPackage(String accessPackageId, String policyId, String displayName) {
        ObjectNode context = new ObjectMapper().createObjectNode();
        context.putObject("accessPackage").put("id", accessPackageId).put("displayName", displayName)
                .put("isHidden", false).put("catalogId", UUID.randomUUID().toString());
        ObjectNode policy = context.putArray("policies").addObject();
        policy.put("id", policyId).put("displayName", "Direct").put("allowedTargetScope", "notSpecified");
        policy.putObject("expiration").put("type", "noExpiration");
        policy.putObject("requestApprovalSettings").put("isApprovalRequiredForAdd", false);
        groupMemberRole(context, UUID.randomUUID().toString());
        ObjectNode incompatible = context.putObject("incompatible");
        incompatible.putArray("accessPackages");
        incompatible.putArray("groups");
        register(accessPackageId, context);
    }

    /** The registered context itself: a test changes the package or its policies in place. */
    public static ObjectNode registered(String accessPackageId) {
        return CONTEXTS.get(accessPackageId);
    }

    /** catalog-service no longer has this package (deleted): its requestContext answers 404. */
    public static void unregister(String accessPackageId) {
        CONTEXTS.remove(accessPackageId);
    }

    /** This package's context is refused with {@code status} (a bad or expired token, say). */
    public static void refuse(String accessPackageId, int status) {
        REFUSED.put(accessPackageId, status);
    }

    public static int callsBy(String userId) {
        return CALLS.getOrDefault(userId, new AtomicInteger()).get();
    }

    @GET
    @Path("{id}/requestContext")
    public ObjectNode context(@PathParam("id") String id, @QueryParam("principalId") String principalId) {
        String oid = principalId == null ? "" : principalId;
        CALLS.computeIfAbsent(oid, k -> new AtomicInteger()).incrementAndGet();
        Integer refused = REFUSED.get(id);
        if (refused != null) {
            throw new WebApplicationException(refused);
        }
        ObjectNode context = CONTEXTS.get(id);
        if (context == null) {
            throw new NotFoundException();
        }
        return context.deepCopy().put("callerManagesAssignments", FakeManagedPackagesApi.managedBy(oid, id))
                .put("callerReadsAssignments", FakeManagedPackagesApi.readBy(oid, id));
    }
}
