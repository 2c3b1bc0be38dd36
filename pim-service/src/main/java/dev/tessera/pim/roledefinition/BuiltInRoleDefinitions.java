package dev.tessera.pim.roledefinition;

import dev.tessera.common.roles.BuiltInDirectoryRoles;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * Makes role_definition hold every built-in role of the data file (platform/common
 * {@link BuiltInDirectoryRoles}), once at startup, after Flyway has migrated.
 *
 * <p>An upsert rather than a migration: the data file is refreshed from Microsoft's reference from
 * time to time, and a migration per refresh would copy it into SQL each time. One statement in one
 * transaction, rows in id order, {@code on conflict (id)}: two replicas starting at once both
 * succeed (the second waits for the first's row locks, then finds nothing to change), and a restart
 * rewrites nothing ({@code is distinct from}). Only built-in rows are updated; a role the reference
 * no longer lists stays (its schedules may still need it). A custom role that already carries a new
 * built-in role's name keeps it: that built-in role is skipped (and logged) rather than failing startup.
 */
@ApplicationScoped
public class BuiltInRoleDefinitions {

    private static final Logger LOG = Logger.getLogger(BuiltInRoleDefinitions.class);

    static final String UPSERT = """
            insert into role_definition (id, display_name, description, is_built_in, is_enabled, template_id, version,
                                         allowed_actions, is_privileged)
            select r.id, r.display_name, r.description, true, true, r.id, '1', r.allowed_actions, r.is_privileged
              from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::boolean[])
                   as r(id, display_name, description, allowed_actions, is_privileged)
             where not exists (select 1 from role_definition d
                                where lower(d.display_name) = lower(r.display_name) and d.id <> r.id)
             order by r.id
            on conflict (id) do update
               set display_name = excluded.display_name, description = excluded.description,
                   allowed_actions = excluded.allowed_actions, is_privileged = excluded.is_privileged
             where role_definition.is_built_in
               and (role_definition.display_name, role_definition.description, role_definition.allowed_actions,
                    role_definition.is_privileged)
                   is distinct from (excluded.display_name, excluded.description, excluded.allowed_actions,
                    excluded.is_privileged)""";

    static final String MISSING = """
            select r.name from unnest(?::text[], ?::text[]) as r(id, name)
             where not exists (select 1 from role_definition d where d.id = r.id and d.is_built_in)""";

    @Inject
    DataSource dataSource;

    void onStart(@Observes StartupEvent event) {
        try {
            int changed = upsert();
            LOG.infof("Built-in directory roles: %d of %d inserted or updated", changed, BuiltInDirectoryRoles.all().size());
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot store the built-in directory roles", e);
        }
    }

    /** Inserts or updates the built-in roles; returns how many rows changed. */
    int upsert() throws SQLException {
        List<BuiltInDirectoryRoles.Role> roles = BuiltInDirectoryRoles.all();
        String[] ids = new String[roles.size()];
        String[] names = new String[roles.size()];
        String[] descriptions = new String[roles.size()];
        String[] actions = new String[roles.size()];
        Boolean[] privileged = new Boolean[roles.size()];
        for (int i = 0; i < roles.size(); i++) {
            BuiltInDirectoryRoles.Role role = roles.get(i);
            ids[i] = role.templateId();
            names[i] = role.displayName();
            descriptions[i] = role.description();
            actions[i] = String.join("\n", role.allowedResourceActions());
            privileged[i] = role.isPrivileged();
        }
        try (Connection connection = dataSource.getConnection()) {
            int changed;
            try (PreparedStatement upsert = connection.prepareStatement(UPSERT)) {
                upsert.setArray(1, connection.createArrayOf("text", ids));
                upsert.setArray(2, connection.createArrayOf("text", names));
                upsert.setArray(3, connection.createArrayOf("text", descriptions));
                upsert.setArray(4, connection.createArrayOf("text", actions));
                upsert.setArray(5, connection.createArrayOf("boolean", privileged));
                changed = upsert.executeUpdate();
            }
            try (PreparedStatement missing = connection.prepareStatement(MISSING)) {
                Array idArray = connection.createArrayOf("text", ids);
                missing.setArray(1, idArray);
                missing.setArray(2, connection.createArrayOf("text", names));
                List<String> skipped = new ArrayList<>();
                try (ResultSet rows = missing.executeQuery()) {
                    while (rows.next()) {
                        skipped.add(rows.getString(1));
                    }
                }
                if (!skipped.isEmpty()) {
                    LOG.warnf("Built-in directory roles not stored because a custom role has their name: %s", skipped);
                }
            }
            return changed;
        }
    }
}
