package dev.tessera.pim.roledefinition;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "role_definition")
public class RoleDefinition extends PanacheEntityBase {

    @Id
    public String id;

    @Column(name = "display_name")
    public String displayName;

    public String description;

    @Column(name = "is_built_in")
    public boolean builtIn;

    @Column(name = "is_enabled")
    public boolean enabled;

    /** Graph's isPrivileged: from Microsoft's roles reference for a built-in role, false for a custom one. */
    @Column(name = "is_privileged")
    public boolean privileged;

    @Column(name = "template_id")
    public String templateId;

    public String version;

    /** One allowed resource action per line. */
    @Column(name = "allowed_actions")
    public String allowedActions;
}
