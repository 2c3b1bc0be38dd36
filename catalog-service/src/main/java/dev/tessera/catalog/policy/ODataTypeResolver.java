package dev.tessera.catalog.policy;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.DatabindContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.jsontype.impl.TypeIdResolverBase;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Graph {@code @odata.type} ids: read with or without {@code #} and namespace, in any case (docs send
 * {@code microsoft.graph.singleUser}, SDKs {@code #microsoft.graph.singleUser}); always written as
 * {@code #microsoft.graph.<name>}. An id it does not know resolves to the hierarchy's default type,
 * so the validator can name the offending field. Shared by every polymorphic Graph type of the service
 * (subject sets, questions, identity sources).
 */
public abstract class ODataTypeResolver extends TypeIdResolverBase {

    static final String NAMESPACE = "#microsoft.graph.";

    private final Map<String, Class<?>> byName = new HashMap<>();
    private final Map<Class<?>, String> nameOf = new HashMap<>();

    protected ODataTypeResolver(Map<String, Class<?>> types) {
        types.forEach((name, type) -> {
            byName.put(name.toLowerCase(Locale.ROOT), type);
            nameOf.put(type, name);
        });
    }

    @Override
    public String idFromValue(Object value) {
        return idFromValueAndType(value, value.getClass());
    }

    @Override
    public String idFromValueAndType(Object value, Class<?> suggestedType) {
        String name = nameOf.get(suggestedType);
        return name == null ? null : NAMESPACE + name;
    }

    @Override
    public JavaType typeFromId(DatabindContext context, String id) {
        Class<?> type = byName.get(simpleName(id));
        return type == null ? null : context.constructType(type);
    }

    @Override
    public String getDescForKnownTypeIds() {
        return String.join(", ", nameOf.values());
    }

    @Override
    public JsonTypeInfo.Id getMechanism() {
        return JsonTypeInfo.Id.CUSTOM;
    }

    static String simpleName(String id) {
        String name = id == null ? "" : id.trim();
        int dot = name.lastIndexOf('.');
        name = dot >= 0 ? name.substring(dot + 1) : name;
        return (name.startsWith("#") ? name.substring(1) : name).toLowerCase(Locale.ROOT);
    }
}
