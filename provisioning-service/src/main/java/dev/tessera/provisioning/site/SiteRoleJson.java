package dev.tessera.provisioning.site;

/** A site role on the wire (a Tessera extension: Graph v1.0 has no site-role resource). */
public record SiteRoleJson(String id, String description, String displayName) {

    static SiteRoleJson of(SiteRole role) {
        return new SiteRoleJson(role.id(), role.description, role.displayName);
    }
}
