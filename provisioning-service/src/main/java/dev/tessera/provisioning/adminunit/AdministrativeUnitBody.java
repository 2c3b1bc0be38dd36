package dev.tessera.provisioning.adminunit;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The body of POST and PATCH {@code /directory/administrativeUnits}. Setters record which
 * properties were sent, so a PATCH tells "absent" from {@code null}.
 */
public class AdministrativeUnitBody {

    /** Bookkeeping, no property: hidden from Jackson and from the OpenAPI document. */
    @JsonIgnore
    private final Set<String> present = new LinkedHashSet<>();

    private String displayName;
    private String description;
    private String visibility;

    public Set<String> present() {
        return Set.copyOf(present);
    }

    public boolean has(String property) {
        return present.contains(property);
    }

    public void setDisplayName(String value) {
        present.add("displayName");
        displayName = value;
    }

    public void setDescription(String value) {
        present.add("description");
        description = value;
    }

    public void setVisibility(String value) {
        present.add("visibility");
        visibility = value;
    }

    public String displayName() {
        return displayName;
    }

    public String description() {
        return description;
    }

    public String visibility() {
        return visibility;
    }
}
