package dev.tessera.request.extension;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.platform.em.PolicyView;
import dev.tessera.request.catalog.RequestContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One stage of a request's policy bound to a custom extension, with what calling it needs: the URL,
 * the per-call timeout and retries ({@code clientConfiguration}), and for a launch-and-wait extension
 * how long the request waits for the callback ({@code callbackConfiguration.timeoutDuration}; null: fire and forget).
 */
public record CalloutPlan(String stage, UUID customExtensionId, String url, int timeoutInMilliseconds,
        int maximumRetries, String callbackTimeout) {

    /** Graph leaves both unset by default; these are Tessera's defaults (docs/custom-extensions.md). */
    static final int DEFAULT_TIMEOUT_MS = 30_000;
    static final int DEFAULT_RETRIES = 3;

    @JsonIgnore
    public boolean waits() {
        return callbackTimeout != null;
    }

    @JsonIgnore
    public Duration callbackDuration() {
        return Duration.parse(callbackTimeout);
    }

    /** What the policy binds, from the package's request context; empty when nothing is bound. */
    public static List<CalloutPlan> of(RequestContext context, PolicyView policy) {
        JsonNode settings = policy.json().path("customExtensionStageSettings");
        if (!settings.isArray() || settings.isEmpty() || context.customExtensions() == null) {
            return List.of();
        }
        Map<String, JsonNode> byId = context.customExtensions().stream()
                .collect(Collectors.toMap(e -> e.path("id").asText(), Function.identity(), (a, b) -> a));
        List<CalloutPlan> plans = new ArrayList<>();
        for (JsonNode setting : settings) {
            String id = setting.path("customExtension").path("id").asText();
            JsonNode extension = byId.get(id);
            if (extension == null) {
                continue;
            }
            JsonNode client = extension.path("clientConfiguration");
            JsonNode callback = extension.path("callbackConfiguration");
            plans.add(new CalloutPlan(setting.path("stage").asText(), UUID.fromString(id),
                    extension.path("endpointConfiguration").path("url").asText(),
                    client.path("timeoutInMilliseconds").asInt(DEFAULT_TIMEOUT_MS),
                    client.path("maximumRetries").asInt(DEFAULT_RETRIES),
                    callback.path("timeoutDuration").isTextual() ? callback.path("timeoutDuration").asText() : null));
        }
        return plans;
    }

    public static Optional<CalloutPlan> at(List<CalloutPlan> plans, String stage) {
        return plans.stream().filter(p -> p.stage().equals(stage)).findFirst();
    }
}
