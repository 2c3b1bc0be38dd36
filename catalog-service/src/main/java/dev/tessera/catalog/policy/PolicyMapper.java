package dev.tessera.catalog.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/** Moves a policy between its typed records and its JSON text columns, and shapes it for the wire. */
@ApplicationScoped
public class PolicyMapper {

    private static final TypeReference<List<SubjectSet>> SUBJECT_SETS = new TypeReference<>() {
    };
    private static final TypeReference<List<Question>> QUESTIONS = new TypeReference<>() {
    };
    private static final TypeReference<List<CustomExtensionStageSetting>> STAGE_SETTINGS = new TypeReference<>() {
    };

    @Inject
    ObjectMapper mapper;

    public void write(AssignmentPolicy policy, PolicySettings settings) {
        policy.allowedTargetScope = settings.allowedTargetScope();
        policy.specificAllowedTargets = json(SUBJECT_SETS, settings.specificAllowedTargets());
        policy.expiration = json(settings.expiration());
        policy.requestorSettings = json(settings.requestorSettings());
        policy.requestApprovalSettings = json(settings.requestApprovalSettings());
        policy.reviewSettings = json(settings.reviewSettings());
        policy.automaticRequestSettings = json(settings.automaticRequestSettings());
        policy.notificationSettings = json(settings.notificationSettings());
        policy.questions = json(QUESTIONS, settings.questions());
    }

    public PolicySettings read(AssignmentPolicy policy) {
        return new PolicySettings(policy.allowedTargetScope,
                read(policy.specificAllowedTargets, SUBJECT_SETS, List.of()),
                read(policy.expiration, ExpirationPattern.class),
                read(policy.requestorSettings, RequestorSettings.class),
                read(policy.requestApprovalSettings, RequestApprovalSettings.class),
                read(policy.reviewSettings, ReviewSettings.class),
                read(policy.automaticRequestSettings, AutomaticRequestSettings.class),
                read(policy.notificationSettings, NotificationSettings.class),
                read(policy.questions, QUESTIONS, List.of()));
    }

    public void writeStageSettings(AssignmentPolicy policy, List<CustomExtensionStageSetting> settings) {
        policy.customExtensionStageSettings = json(STAGE_SETTINGS, settings);
    }

    public List<CustomExtensionStageSetting> stageSettings(AssignmentPolicy policy) {
        return read(policy.customExtensionStageSettings, STAGE_SETTINGS, List.of());
    }

    /**
     * The policy as Graph returns it; {@code questions} only when asked for, and with them the custom
     * extension stage settings when there are any (a policy without any reads as it always has).
     */
    public PolicyJson toJson(AssignmentPolicy policy, boolean withQuestions) {
        return toJson(policy, withQuestions, withQuestions && !stageSettings(policy).isEmpty());
    }

    /** The policy as Graph returns it; {@code questions} and the stage settings only when asked for. */
    public PolicyJson toJson(AssignmentPolicy policy, boolean withQuestions, boolean withStageSettings) {
        PolicySettings s = read(policy);
        return new PolicyJson(policy.id.toString(), policy.displayName, policy.description, s.allowedTargetScope(),
                s.specificAllowedTargets(), s.expiration(), s.requestorSettings(), s.requestApprovalSettings(),
                s.reviewSettings(), s.automaticRequestSettings(), s.notificationSettings(), policy.createdAt,
                policy.modifiedAt, null, null, withQuestions ? s.questions() : null,
                withStageSettings ? stageSettings(policy) : null);
    }

    private String json(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Policy part cannot be serialised", e);
        }
    }

    private <T> String json(TypeReference<T> type, T value) {
        try {
            return mapper.writerFor(type).writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Policy part cannot be serialised", e);
        }
    }

    private <T> T read(String json, Class<T> type) {
        try {
            return json == null ? null : mapper.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored policy part is unreadable as " + type.getSimpleName(), e);
        }
    }

    private <T> T read(String json, TypeReference<T> type, T fallback) {
        try {
            return json == null ? fallback : mapper.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored policy part is unreadable", e);
        }
    }
}
