package dev.tessera.common.roles;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Entra's built-in directory roles, as Tessera knows them: read once from
 * {@code dev/tessera/common/built-in-directory-roles.json} (made by tools/roles/refresh_builtin_roles.py
 * from Microsoft's public roles reference) and immutable afterwards.
 */
public final class BuiltInDirectoryRoles {

    /** The data file, on the class path. */
    public static final String RESOURCE = "dev/tessera/common/built-in-directory-roles.json";

    /** One built-in role: Microsoft's template id, name, privileged flag and actions; our description. */
    public record Role(String templateId, String displayName, boolean isPrivileged, String description,
            List<String> allowedResourceActions) {

        public Role {
            allowedResourceActions = allowedResourceActions == null ? List.of() : List.copyOf(allowedResourceActions);
        }
    }

    private static final class Holder {
        static final List<Role> ALL = load();
        static final Map<String, Role> BY_ID = index(ALL, r -> r.templateId().toLowerCase(Locale.ROOT));
        static final Map<String, Role> BY_NAME = index(ALL, r -> r.displayName().toLowerCase(Locale.ROOT));
    }

    private BuiltInDirectoryRoles() {
    }

    /** Every built-in role, ordered by display name. */
    public static List<Role> all() {
        return Holder.ALL;
    }

    public static Optional<Role> byTemplateId(String templateId) {
        return templateId == null ? Optional.empty()
                : Optional.ofNullable(Holder.BY_ID.get(templateId.trim().toLowerCase(Locale.ROOT)));
    }

    /** By display name, ignoring case. */
    public static Optional<Role> byName(String displayName) {
        return displayName == null ? Optional.empty()
                : Optional.ofNullable(Holder.BY_NAME.get(displayName.trim().toLowerCase(Locale.ROOT)));
    }

    static List<Role> load() {
        ObjectMapper mapper = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
        try (InputStream in = BuiltInDirectoryRoles.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the class path");
            }
            return List.copyOf(mapper.readValue(in, new TypeReference<List<Role>>() {
            }));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + RESOURCE, e);
        }
    }

    private static Map<String, Role> index(List<Role> roles, java.util.function.Function<Role, String> key) {
        Map<String, Role> map = new LinkedHashMap<>();
        for (Role role : roles) {
            if (map.put(key.apply(role), role) != null) {
                throw new IllegalStateException("Two built-in roles share " + key.apply(role) + " in " + RESOURCE);
            }
        }
        return Map.copyOf(map);
    }
}
