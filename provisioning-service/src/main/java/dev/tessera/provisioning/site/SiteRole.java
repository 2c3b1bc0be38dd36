package dev.tessera.provisioning.site;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;
import java.util.UUID;

/** One of a site's associated groups, identified within the site by SharePoint's number ("3", "4", "5"). */
@Entity
@Table(name = "site_role")
public class SiteRole extends PanacheEntityBase {

    @EmbeddedId
    public Key key;

    @Column(name = "display_name")
    public String displayName;

    public String description;

    public String id() {
        return key.id;
    }

    @Embeddable
    public static class Key implements Serializable {

        @Column(name = "site_id")
        public UUID siteId;

        public String id;

        public Key() {
        }

        public Key(UUID siteId, String id) {
            this.siteId = siteId;
            this.id = id;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(siteId, key.siteId) && Objects.equals(id, key.id);
        }

        @Override
        public int hashCode() {
            return Objects.hash(siteId, id);
        }
    }
}
