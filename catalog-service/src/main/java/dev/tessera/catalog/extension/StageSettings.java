package dev.tessera.catalog.extension;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.catalog.policy.CustomExtensionStageSetting;
import dev.tessera.catalog.policy.CustomExtensionStageSetting.ExtensionRef;
import dev.tessera.platform.graph.GraphException;
import dev.tessera.platform.graph.Ids;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Validates a policy's customExtensionStageSettings: each names a stage Graph knows and an extension
 * of the policy's catalog whose type runs at that stage; one extension per stage. Answers the
 * settings as stored: stage in Graph's spelling, the extension by id and type, a fresh id when none.
 */
@ApplicationScoped
public class StageSettings {

    static final int MAX = 6;

    @Inject
    CustomWorkflowExtensionRepository extensions;

    @Inject
    ObjectMapper mapper;

    public Uni<List<CustomExtensionStageSetting>> check(UUID catalogId, List<CustomExtensionStageSetting> given) {
        if (given == null || given.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        if (given.size() > MAX) {
            throw GraphException.invalidField("customExtensionStageSettings",
                    "A policy has at most one custom extension per stage (" + MAX + ").");
        }
        List<ExtensionType.Stage> stages = new ArrayList<>();
        List<UUID> ids = new ArrayList<>();
        Set<ExtensionType.Stage> seen = new HashSet<>();
        for (int i = 0; i < given.size(); i++) {
            CustomExtensionStageSetting s = given.get(i);
            String field = "customExtensionStageSettings[" + i + "]";
            if (s == null) {
                throw GraphException.invalidField(field, "A stage setting cannot be null.");
            }
            ExtensionType.Stage stage = ExtensionType.Stage.parse(s.stage(), field + ".stage");
            if (!seen.add(stage)) {
                throw GraphException.invalidField(field + ".stage", "Stage '" + stage + "' is set twice.");
            }
            if (s.customExtension() == null || s.customExtension().id() == null) {
                throw GraphException.invalidField(field + ".customExtension.id",
                        "Property '" + field + ".customExtension.id' is required.");
            }
            stages.add(stage);
            ids.add(Ids.parse(s.customExtension().id(), field + ".customExtension.id"));
        }
        return extensions.byIds(ids).map(found -> {
            Map<UUID, CustomWorkflowExtension> byId = found.stream()
                    .collect(Collectors.toMap(e -> e.id, Function.identity()));
            List<CustomExtensionStageSetting> out = new ArrayList<>();
            for (int i = 0; i < ids.size(); i++) {
                String field = "customExtensionStageSettings[" + i + "].customExtension.id";
                CustomWorkflowExtension e = byId.get(ids.get(i));
                if (e == null || !e.catalogId.equals(catalogId)) {
                    throw GraphException.invalidField(field, "Custom workflow extension '" + ids.get(i)
                            + "' is not in the policy's catalog.");
                }
                ExtensionType type = ExtensionType.valueOf(e.odataType);
                if (!type.runsAt(stages.get(i))) {
                    throw GraphException.invalidField(field, "A " + type.odataType().substring(17)
                            + " cannot run at stage '" + stages.get(i) + "'.");
                }
                String id = given.get(i).id();
                out.add(new CustomExtensionStageSetting(id == null || !Ids.isGuid(id) ? UUID.randomUUID().toString() : id,
                        stages.get(i).name(), new ExtensionRef(type.odataType(), e.id.toString())));
            }
            return out;
        });
    }

    /** The extensions these settings bind, as Graph returns them (request-service calls their endpoints). */
    public Uni<List<ObjectNode>> bound(List<CustomExtensionStageSetting> settings) {
        return extensions.byIds(settings.stream().map(s -> UUID.fromString(s.customExtension().id())).distinct()
                .toList()).map(rows -> rows.stream().sorted(java.util.Comparator.comparing(e -> e.id))
                        .map(e -> ExtensionJson.of(e, mapper)).toList());
    }
}
