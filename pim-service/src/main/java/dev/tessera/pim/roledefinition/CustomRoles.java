package dev.tessera.pim.roledefinition;

import dev.tessera.pim.schedule.RoleSchedule;
import dev.tessera.platform.graph.Deletes;
import dev.tessera.platform.graph.GraphException;
import dev.tessera.platform.graph.DatabaseErrors;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Custom directory roles: created, changed and deleted by a Privileged Role Administrator. As in
 * Entra, a custom role has allowed resource actions only (no excluded actions, no conditions),
 * applies at the tenant scope {@code /}, cannot be named like another role, and cannot be deleted
 * while anyone is eligible for or assigned to it. Built-in roles are read-only.
 */
@ApplicationScoped
public class CustomRoles {

    /** {@code microsoft.directory/<entity>/<property or task>[/...]}, as Entra's permission names. */
    static final Pattern ACTION = Pattern.compile("microsoft\\.directory(/[A-Za-z0-9.*]+){2,5}");
    static final int MAX_ACTIONS = 100;

    @WithTransaction
    public Uni<RoleDefinition> create(RoleDefinitionBody body) {
        if (body == null) {
            throw GraphException.badRequest("A request body is required.");
        }
        if (Boolean.TRUE.equals(body.isBuiltIn())) {
            throw GraphException.invalidField("isBuiltIn", "Only custom roles can be created: 'isBuiltIn' must be false.");
        }
        if (body.id() != null) {
            throw GraphException.invalidField("id", "'id' is assigned by the service.");
        }
        RoleDefinition role = new RoleDefinition();
        role.id = UUID.randomUUID().toString();
        role.displayName = displayName(body.displayName());
        role.description = description(body.description());
        role.enabled = body.isEnabled() == null || body.isEnabled();
        role.builtIn = false;
        role.privileged = false;
        role.templateId = body.templateId() == null ? role.id : templateId(body.templateId());
        role.version = body.version() == null ? "1" : body.version();
        scopes(body.resourceScopes());
        if (body.rolePermissions() == null) {
            throw GraphException.invalidField("rolePermissions", "'rolePermissions' is required: the resource actions the role allows.");
        }
        role.allowedActions = actions(body.rolePermissions());
        return role.persist().chain(Panache::flush)
                .onFailure(DatabaseErrors::isUniqueViolation).transform(e -> duplicateName(role.displayName))
                .replaceWith(role);
    }

    @WithTransaction
    public Uni<Void> update(String id, RoleDefinitionBody body) {
        if (body == null) {
            throw GraphException.badRequest("A request body is required.");
        }
        return custom(id).chain(role -> {
            if (body.isBuiltIn() != null && body.isBuiltIn()) {
                throw GraphException.invalidField("isBuiltIn", "'isBuiltIn' is read-only.");
            }
            if (body.id() != null && !body.id().equalsIgnoreCase(role.id)) {
                throw GraphException.invalidField("id", "'id' is read-only.");
            }
            if (body.templateId() != null && !body.templateId().equalsIgnoreCase(role.templateId)) {
                throw GraphException.invalidField("templateId", "'templateId' cannot be changed.");
            }
            scopes(body.resourceScopes());
            if (body.displayName() != null) {
                role.displayName = displayName(body.displayName());
            }
            if (body.description() != null) {
                role.description = description(body.description());
            }
            if (body.isEnabled() != null) {
                role.enabled = body.isEnabled();
            }
            if (body.rolePermissions() != null) {
                role.allowedActions = actions(body.rolePermissions());
            }
            return Panache.flush().onFailure(DatabaseErrors::isUniqueViolation)
                    .transform(e -> duplicateName(role.displayName)).replaceWithVoid();
        });
    }

    @WithTransaction
    public Uni<Void> delete(String id) {
        return custom(id).chain(role -> RoleSchedule.count("roleDefinitionId = ?1 and endedAt is null", role.id)
                .chain(inUse -> {
                    if (inUse > 0) {
                        throw GraphException.badRequest("RoleDefinitionInUse", "Role definition '" + role.displayName
                                + "' still has " + inUse + " eligible or active assignment(s); remove them first.");
                    }
                    return Deletes.one(RoleDefinition.delete("id", role.id), () -> notFound(id));
                }));
    }

    private static GraphException notFound(String id) {
        return GraphException.notFound("Role definition '" + id + "' was not found.");
    }

    private Uni<RoleDefinition> custom(String id) {
        return RoleDefinition.<RoleDefinition>findById(id.toLowerCase(Locale.ROOT)).map(role -> {
            if (role == null) {
                throw notFound(id);
            }
            if (role.builtIn) {
                throw GraphException.badRequest("Built-in role definition '" + role.displayName
                        + "' cannot be changed or deleted; create a custom role instead.");
            }
            return role;
        });
    }

    static String displayName(String name) {
        if (name == null || name.isBlank()) {
            throw GraphException.invalidField("displayName", "'displayName' is required.");
        }
        if (name.length() > 256) {
            throw GraphException.invalidField("displayName", "'displayName' is longer than 256 characters.");
        }
        return name.trim();
    }

    static String description(String description) {
        if (description != null && description.length() > 1024) {
            throw GraphException.invalidField("description", "'description' is longer than 1024 characters.");
        }
        return description;
    }

    static String templateId(String templateId) {
        try {
            return UUID.fromString(templateId).toString();
        } catch (IllegalArgumentException e) {
            throw GraphException.invalidField("templateId", "'templateId' must be a GUID.");
        }
    }

    static void scopes(List<String> scopes) {
        if (scopes != null && !(scopes.isEmpty() || scopes.equals(List.of("/")))) {
            throw GraphException.invalidField("resourceScopes", "Custom directory roles apply at the tenant scope; "
                    + "'resourceScopes' may only be [\"/\"]. Restrict an assignment with its directoryScopeId instead.");
        }
    }

    /** The allowed actions, one per line; every permission checked. */
    static String actions(List<RoleDefinitionJson.RolePermission> permissions) {
        List<String> actions = new ArrayList<>();
        for (RoleDefinitionJson.RolePermission permission : permissions) {
            if (permission == null) {
                throw GraphException.invalidField("rolePermissions", "A role permission cannot be null.");
            }
            if (permission.excludedResourceActions() != null && !permission.excludedResourceActions().isEmpty()) {
                throw GraphException.invalidField("rolePermissions.excludedResourceActions",
                        "Custom directory roles cannot exclude resource actions.");
            }
            if (permission.condition() != null && !permission.condition().isBlank()) {
                throw GraphException.invalidField("rolePermissions.condition",
                        "Custom directory roles do not support conditions.");
            }
            for (String action : permission.allowedResourceActions() == null ? List.<String>of()
                    : permission.allowedResourceActions()) {
                if (action == null || !ACTION.matcher(action).matches()) {
                    throw GraphException.invalidField("rolePermissions.allowedResourceActions", "'" + action
                            + "' is not a directory resource action such as microsoft.directory/groups/members/update.");
                }
                if (!actions.contains(action)) {
                    actions.add(action);
                }
            }
        }
        if (actions.isEmpty()) {
            throw GraphException.invalidField("rolePermissions.allowedResourceActions",
                    "A custom role needs at least one allowed resource action.");
        }
        if (actions.size() > MAX_ACTIONS) {
            throw GraphException.invalidField("rolePermissions.allowedResourceActions",
                    "A custom role allows at most " + MAX_ACTIONS + " resource actions.");
        }
        return String.join("\n", actions);
    }

    static GraphException duplicateName(String name) {
        return GraphException.conflict("A role definition named '" + name + "' already exists.");
    }
}
