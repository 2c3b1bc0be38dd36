package dev.tessera.catalog.resource;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.platform.graph.RemoteErrors;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Looks up the object behind a catalog resource in the service that owns it, with the service token
 * (the caller's rights over the resource are checked here, in catalog-service): groups, applications (service principals) and
 * sites in provisioning-service's directory, directory roles in pim-service. An object that does
 * not exist is an empty answer, not a failure; an outage fails (retried, then a 503 to the client).
 * Also whether a user owns such an object, which {@link ResourceRights} asks.
 */
@ApplicationScoped
public class OriginObjects {

    /** The role of an application without app roles for users (Entra's "Default Access"). */
    public static final String DEFAULT_ACCESS = "00000000-0000-0000-0000-000000000000";

    /** SharePoint's Owners group of a site: full control, so its members manage the site's permissions. */
    static final String SITE_OWNERS_ROLE = "3";

    @Inject
    @RestClient
    DirectoryClient directory;

    @Inject
    @RestClient
    PimClient pim;

    @Timeout(3000)
    @Retry(maxRetries = 2, delay = 100)
    @ExponentialBackoff
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5000)
    public Uni<Optional<OriginObject>> find(String originSystem, String originId) {
        Uni<Optional<OriginObject>> found = switch (originSystem) {
            case OriginSystems.AAD_GROUP -> directory.group(originId).map(g -> Optional.of(group(g)));
            case OriginSystems.AAD_APPLICATION -> directory.servicePrincipal(originId)
                    .map(sp -> Optional.of(application(sp)));
            case OriginSystems.DIRECTORY_ROLE -> pim.roleDefinition(originId)
                    .map(role -> Optional.of(directoryRole(role)));
            case OriginSystems.SHAREPOINT_ONLINE -> directory.sites("webUrl eq '" + originId.replace("'", "''") + "'").chain(sites -> {
                        JsonNode site = sites.path("value").path(0);
                        if (site.isMissingNode()) {
                            return Uni.createFrom().item(Optional.<OriginObject>empty());
                        }
                        return directory.siteRoles(site.path("id").asText())
                                .map(roles -> Optional.of(site(site, roles)));
                    });
            default -> throw new IllegalArgumentException("unknown origin system " + originSystem);
        };
        return found.onFailure(RemoteErrors::isNotFound).recoverWithItem(Optional.empty());
    }

    /**
     * Whether the user owns the object: an owner of the group or the service principal, or for a
     * site a member of its Owners role (SharePoint's "3", full control, the role that manages the
     * site's permissions). Asked with {@code $filter} on the user's id, so one small answer; an
     * object gone from the directory has no owners.
     */
    @Timeout(3000)
    @Retry(maxRetries = 2, delay = 100)
    @ExponentialBackoff
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5000)
    public Uni<Boolean> isOwner(OriginObject origin, UUID userId) {
        String filter = "id eq '" + userId + "'";
        Uni<JsonNode> owners = switch (origin.originSystem()) {
            case OriginSystems.AAD_GROUP -> directory.groupOwners(origin.objectId(), filter, "id");
            case OriginSystems.AAD_APPLICATION -> directory.servicePrincipalOwners(origin.objectId(), filter, "id");
            case OriginSystems.SHAREPOINT_ONLINE -> directory.siteRoleMembers(origin.objectId(), SITE_OWNERS_ROLE,
                    filter, "id");
            default -> Uni.createFrom().nullItem();
        };
        return owners.map(page -> {
            if (page == null) {
                return false;
            }
            for (JsonNode owner : page.path("value")) {
                if (userId.toString().equalsIgnoreCase(owner.path("id").asText())) {
                    return true;
                }
            }
            return false;
        }).onFailure(RemoteErrors::isNotFound).recoverWithItem(false);
    }

    static OriginObject group(JsonNode group) {
        String id = group.path("id").asText();
        boolean unified = false;
        boolean dynamic = false;
        for (JsonNode type : group.path("groupTypes")) {
            unified |= "Unified".equalsIgnoreCase(type.asText());
            dynamic |= "DynamicMembership".equalsIgnoreCase(type.asText());
        }
        OriginObject.Role owner = new OriginObject.Role("Owner", null, "Owner_" + id);
        // A dynamic group's members come from its rule: only its Owner role can be handed out (as Entra offers).
        List<OriginObject.Role> roles = dynamic ? List.of(owner)
                : List.of(new OriginObject.Role("Member", null, "Member_" + id), owner);
        return new OriginObject(OriginSystems.AAD_GROUP, id, text(group, "displayName"), text(group, "description"),
                roles, id, group.path("isAssignableToRole").asBoolean(false), unified);
    }

    /** Its enabled app roles that users can hold, or Default Access when it has none. */
    static OriginObject application(JsonNode servicePrincipal) {
        List<OriginObject.Role> roles = new ArrayList<>();
        for (JsonNode role : servicePrincipal.path("appRoles")) {
            boolean forUsers = false;
            for (JsonNode type : role.path("allowedMemberTypes")) {
                forUsers |= "User".equalsIgnoreCase(type.asText());
            }
            if (role.path("isEnabled").asBoolean(true) && forUsers) {
                roles.add(new OriginObject.Role(text(role, "displayName"), text(role, "description"), role.path("id").asText()));
            }
        }
        if (roles.isEmpty()) {
            roles.add(new OriginObject.Role("Default Access", null, DEFAULT_ACCESS));
        }
        String id = servicePrincipal.path("id").asText();
        return new OriginObject(OriginSystems.AAD_APPLICATION, id, text(servicePrincipal, "displayName"),
                text(servicePrincipal, "description"), roles, id, false, false);
    }

    /** The site's roles are its SharePoint groups (Owners 3, Members 4, Visitors 5 by default). */
    static OriginObject site(JsonNode site, JsonNode roles) {
        List<OriginObject.Role> list = new ArrayList<>();
        for (JsonNode role : roles.path("value")) {
            list.add(new OriginObject.Role(text(role, "displayName"), text(role, "description"), role.path("id").asText()));
        }
        return new OriginObject(OriginSystems.SHAREPOINT_ONLINE, site.path("webUrl").asText(), text(site, "displayName"),
                text(site, "description"), list, site.path("id").asText(), false, false);
    }

    /** A directory role is granted eligible (through PIM) or active. */
    static OriginObject directoryRole(JsonNode role) {
        return new OriginObject(OriginSystems.DIRECTORY_ROLE, role.path("id").asText(), text(role, "displayName"),
                text(role, "description"), List.of(
                        new OriginObject.Role("Eligible Member", null, "Eligible"),
                        new OriginObject.Role("Active Member", null, "Active")), null, false, false);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() ? value.asText() : null;
    }
}
