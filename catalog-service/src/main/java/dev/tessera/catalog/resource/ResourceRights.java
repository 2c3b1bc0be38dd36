package dev.tessera.catalog.resource;

import dev.tessera.common.DirectoryRoles;
import dev.tessera.platform.graph.Caller;
import dev.tessera.platform.graph.GraphException;
import dev.tessera.platform.graph.RemoteErrors;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;

/**
 * Who may put an object into a catalog or take it out, on top of their role in the catalog (catalog
 * owner, or entitlement-management administrator): as in Entra, they need rights over the object
 * itself. Ownership (of the group, the service principal, or the site's Owners role) or a directory
 * role that administers the object, or for an app-only caller the application permission that does.
 * Role-assignable groups and directory roles only by a Global or Privileged Role Administrator
 * ({@code RoleManagement.ReadWrite.Directory} for an app), whoever owns them. Decided here from the
 * caller's token and the directory's answers, never left to the peer service's permissions.
 */
@ApplicationScoped
public class ResourceRights {

    /** What the caller does with the resource, for the refusal's wording. */
    public enum Change {
        ADD("add it to a catalog"), REMOVE("remove it from a catalog");

        final String phrase;

        Change(String phrase) {
            this.phrase = phrase;
        }
    }

    /**
     * Who may act on one object: these directory roles, these application permissions, and its
     * owners when {@code owners} is set; {@code refusal} says so when the caller is none of them.
     */
    record Rule(List<String> roles, List<String> permissions, boolean owners, String refusal) {
    }

    static final String PRIVILEGED_REFUSAL = "only a Privileged Role Administrator or Global Administrator may ";

    @Inject
    Caller caller;

    @Inject
    OriginObjects origins;

    /** Fails with a 403 naming what is missing unless the caller may add or remove the object. */
    public Uni<Void> require(OriginObject origin, Change change) {
        Rule rule = rule(origin, change);
        if (rule.roles().stream().anyMatch(caller::hasDirectoryRole)
                || rule.permissions().stream().anyMatch(caller::hasAppRole)) {
            return Uni.createFrom().voidItem();
        }
        if (!rule.owners()) {
            return Uni.createFrom().failure(GraphException.forbidden(rule.refusal()));
        }
        return origins.isOwner(origin, caller.objectId())
                .onFailure().transform(e -> RemoteErrors.asGraphError(e, OriginSystems.owner(origin.originSystem()),
                        "the owners of " + OriginSystems.noun(origin.originSystem()).toLowerCase() + " '"
                                + origin.originId() + "'"))
                .invoke(owner -> {
                    if (!owner) {
                        throw GraphException.forbidden(rule.refusal());
                    }
                }).replaceWithVoid();
    }

    /** Entra's table of who may add which kind of resource to a catalog (and remove it). */
    static Rule rule(OriginObject origin, Change change) {
        List<String> privileged = List.of(DirectoryRoles.GLOBAL_ADMINISTRATOR,
                DirectoryRoles.PRIVILEGED_ROLE_ADMINISTRATOR);
        List<String> roleManagement = List.of("RoleManagement.ReadWrite.Directory");
        return switch (origin.originSystem()) {
            case OriginSystems.DIRECTORY_ROLE -> new Rule(privileged, roleManagement, false,
                    "Directory role '" + origin.originId() + "': " + PRIVILEGED_REFUSAL + change.phrase + ".");
            case OriginSystems.AAD_GROUP -> origin.roleAssignable()
                    ? new Rule(privileged, roleManagement, false, "Group '" + origin.originId()
                            + "' is role-assignable: " + PRIVILEGED_REFUSAL + change.phrase + ".")
                    : group(origin, change);
            case OriginSystems.AAD_APPLICATION -> new Rule(List.of(DirectoryRoles.GLOBAL_ADMINISTRATOR,
                    DirectoryRoles.IDENTITY_GOVERNANCE_ADMINISTRATOR, DirectoryRoles.USER_ADMINISTRATOR,
                    DirectoryRoles.APPLICATION_ADMINISTRATOR, DirectoryRoles.CLOUD_APPLICATION_ADMINISTRATOR),
                    List.of("Application.ReadWrite.All", "AppRoleAssignment.ReadWrite.All"), true,
                    "Only an owner of the application or an administrator of applications (Global, Identity "
                            + "Governance, User, Application or Cloud Application Administrator) may "
                            + change.phrase + ".");
            case OriginSystems.SHAREPOINT_ONLINE -> new Rule(List.of(DirectoryRoles.GLOBAL_ADMINISTRATOR,
                    DirectoryRoles.SHAREPOINT_ADMINISTRATOR), List.of("Sites.FullControl.All"), true,
                    "Only an owner of the site (its Owners role) or a SharePoint Administrator or Global "
                            + "Administrator may " + change.phrase + ".");
            default -> throw new IllegalArgumentException("unknown origin system " + origin.originSystem());
        };
    }

    /**
     * Groups: the roles holding both {@code groups/members/update} and {@code groups/owners/update}
     * (Identity Governance Administrator holds only the first), and for a Microsoft 365 group also
     * Exchange and SharePoint Administrators.
     */
    private static Rule group(OriginObject origin, Change change) {
        List<String> roles = new ArrayList<>(List.of(DirectoryRoles.GLOBAL_ADMINISTRATOR,
                DirectoryRoles.USER_ADMINISTRATOR, DirectoryRoles.GROUPS_ADMINISTRATOR,
                DirectoryRoles.INTUNE_ADMINISTRATOR));
        String admins = "Global, User, Groups or Intune Administrator";
        if (origin.unifiedGroup()) {
            roles.add(DirectoryRoles.EXCHANGE_ADMINISTRATOR);
            roles.add(DirectoryRoles.SHAREPOINT_ADMINISTRATOR);
            admins = "Global, User, Groups, Intune, Exchange or SharePoint Administrator";
        }
        return new Rule(roles, List.of("Group.ReadWrite.All", "Directory.ReadWrite.All"), true,
                "Only an owner of the group or an administrator of groups (" + admins + ") may "
                        + change.phrase + ".");
    }
}
