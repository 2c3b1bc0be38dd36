package dev.tessera.provisioning.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.platform.em.MembershipRule;
import dev.tessera.platform.graph.GraphException;
import dev.tessera.platform.graph.Ids;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * What a valid workflow is (Graph's 400s), and the normalised JSON Tessera keeps of its execution
 * conditions and tasks. Pure: no I/O.
 */
final class WorkflowRules {

    static final String NS = "#microsoft.graph.identityGovernance.";
    static final String CONDITIONS = NS + "triggerAndScopeBasedConditions";
    static final String RULE_SCOPE = NS + "ruleBasedSubjectSet";
    static final String TIME_TRIGGER = NS + "timeBasedAttributeTrigger";
    static final String GROUP_SCOPE = NS + "groupBasedSubjectSet";
    static final String ATTRIBUTE_TRIGGER = NS + "attributeChangeTrigger";
    static final String MEMBERSHIP_TRIGGER = NS + "membershipChangeTrigger";
    /** The user attributes an attributeChangeTrigger may watch: those the scope rules read (DirectoryUser.ruleAttributes). */
    static final List<String> CHANGE_ATTRIBUTES = List.of("displayName", "userPrincipalName", "mailNickname", "mail",
            "givenName", "surname", "jobTitle", "department", "officeLocation", "mobilePhone", "employeeId", "userType",
            "accountEnabled", "employeeHireDate", "employeeLeaveDateTime");
    static final List<String> CHANGE_TYPES = List.of("add", "remove");
    /** How many attributes one trigger watches, and how many groups one group-based scope names. */
    static final int MAX_TRIGGER_ATTRIBUTES = 20;
    static final int MAX_SCOPE_GROUPS = 20;

    static final List<String> CATEGORIES = List.of("joiner", "leaver", "mover");
    static final List<String> TIME_ATTRIBUTES = List.of("employeeHireDate", "employeeLeaveDateTime");

    /** Graph's limits: 25 tasks a workflow, offsetInDays within -180..180. */
    static final int MAX_TASKS = 25;
    static final int MAX_OFFSET = 180;

    /** The properties of a workflow body Tessera takes; anything else is refused, as Graph does. */
    private static final Set<String> PROPERTIES = Set.of("@odata.type", "category", "displayName", "description",
            "isEnabled", "isSchedulingEnabled", "executionConditions", "tasks");
    /** Of them, what a PATCH of the workflow itself may change (Graph: basic properties only; the rest: a new version). */
    private static final Set<String> BASIC = Set.of("displayName", "description", "isEnabled", "isSchedulingEnabled");
    private static final Set<String> TASK_PROPERTIES = Set.of("@odata.type", "id", "arguments", "category",
            "continueOnError", "description", "displayName", "executionSequence", "isEnabled", "taskDefinitionId");

    private WorkflowRules() {
    }

    /**
     * The trigger and scope of a validated workflow. {@code trigger} is the trigger's type: time-based
     * ({@code attribute} + {@code offsetInDays}, scope {@code rule}), attribute change ({@code watched}
     * attributes, scope {@code rule}) or membership change ({@code changeType} of one of {@code groups}; no rule).
     */
    record Conditions(String trigger, MembershipRule rule, String attribute, int offsetInDays, Set<String> watched,
            String changeType, Set<String> groups) {

        boolean timeBased() {
            return TIME_TRIGGER.equals(trigger);
        }

        boolean attributeChange() {
            return ATTRIBUTE_TRIGGER.equals(trigger);
        }

        boolean membershipChange() {
            return MEMBERSHIP_TRIGGER.equals(trigger);
        }
    }

    static Conditions conditions(String json, com.fasterxml.jackson.databind.ObjectMapper mapper) {
        try {
            JsonNode node = mapper.readTree(json);
            JsonNode trigger = node.path("trigger");
            String type = trigger.path("@odata.type").asText();
            MembershipRule rule = node.path("scope").hasNonNull("rule") ? MembershipRule.parse(node.path("scope").path("rule").asText())
                    : null;
            Set<String> watched = new java.util.LinkedHashSet<>();
            trigger.path("triggerAttributes").forEach(a -> watched.add(a.path("name").asText()));
            Set<String> groups = new java.util.LinkedHashSet<>();
            node.path("scope").path("groups").forEach(g -> groups.add(g.path("id").asText().toLowerCase(java.util.Locale.ROOT)));
            return new Conditions(type, rule, trigger.path("timeBasedAttribute").asText(null),
                    trigger.path("offsetInDays").asInt(), Set.copyOf(watched), trigger.path("changeType").asText(null),
                    Set.copyOf(groups));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("Stored execution conditions are not JSON", e);
        }
    }

    static void validateCreate(JsonNode body) {
        requireObject(body);
        unknown(body, PROPERTIES, "workflow");
        text(body, "displayName", 256, true);
        text(body, "description", 1024, false);
        category(body.get("category"));
        bool(body, "isEnabled");
        bool(body, "isSchedulingEnabled");
        if (body.path("isSchedulingEnabled").asBoolean(false) && !body.path("isEnabled").asBoolean(true)) {
            throw GraphException.invalidField("isSchedulingEnabled",
                    "A workflow that is not enabled cannot have isSchedulingEnabled set to true.");
        }
    }

    /** PATCH of the workflow: basic properties only (a change of tasks or conditions is a new version). */
    static boolean validatePatch(JsonNode body, boolean currentlyEnabled, boolean currentlyScheduling) {
        requireObject(body);
        unknown(body, PROPERTIES, "workflow");
        text(body, "displayName", 256, body.has("displayName"));
        text(body, "description", 1024, false);
        bool(body, "isEnabled");
        bool(body, "isSchedulingEnabled");
        if (body.has("category")) {
            throw GraphException.invalidField("category", "The category of a workflow cannot be changed.");
        }
        boolean enabled = body.has("isEnabled") ? body.get("isEnabled").asBoolean() : currentlyEnabled;
        boolean scheduling = body.has("isSchedulingEnabled") ? body.get("isSchedulingEnabled").asBoolean()
                : currentlyScheduling;
        if (scheduling && !enabled) {
            throw GraphException.invalidField("isSchedulingEnabled",
                    "A workflow that is not enabled cannot have isSchedulingEnabled set to true.");
        }
        Iterator<String> names = body.fieldNames();
        boolean newVersion = false;
        while (names.hasNext()) {
            if (!BASIC.contains(names.next())) {
                newVersion = true;
            }
        }
        return newVersion;
    }

    static String category(JsonNode value) {
        if (value == null || value.isNull()) {
            throw GraphException.invalidField("category", "Property 'category' is required.");
        }
        if (!value.isTextual() || !CATEGORIES.contains(value.asText())) {
            throw GraphException.invalidField("category", "Invalid value '" + value.asText()
                    + "' for property 'category': one of joiner, leaver, mover.");
        }
        return value.asText();
    }

    /** The execution conditions as Tessera keeps them; 400 for anything it cannot run. */
    static ObjectNode executionConditions(JsonNode value) {
        if (value == null || value.isNull()) {
            throw GraphException.invalidField("executionConditions", "Property 'executionConditions' is required.");
        }
        if (!value.isObject() || !CONDITIONS.equals(value.path("@odata.type").asText())) {
            throw GraphException.invalidField("executionConditions", "Property 'executionConditions' must be a "
                    + CONDITIONS.substring(1) + " (the only execution conditions Tessera runs).");
        }
        JsonNode scope = value.path("scope");
        JsonNode trigger = value.path("trigger");
        String triggerType = trigger.isObject() ? trigger.path("@odata.type").asText() : "";
        if (MEMBERSHIP_TRIGGER.equals(triggerType)) {
            return membershipChangeConditions(scope, trigger);
        }
        if (!scope.isObject() || !RULE_SCOPE.equals(scope.path("@odata.type").asText())) {
            throw GraphException.invalidField("executionConditions.scope",
                    "The scope must be a " + RULE_SCOPE.substring(1) + " with a 'rule' (a "
                            + GROUP_SCOPE.substring(1) + " goes with a " + MEMBERSHIP_TRIGGER.substring(1) + ").");
        }
        JsonNode rule = scope.path("rule");
        if (!rule.isTextual() || rule.asText().isBlank()) {
            throw GraphException.invalidField("executionConditions.scope.rule", "The scope's 'rule' is required.");
        }
        try {
            MembershipRule.parse(rule.asText());
        } catch (MembershipRule.InvalidRuleException e) {
            throw GraphException.invalidField("executionConditions.scope.rule", "Invalid rule: " + e.getMessage());
        }
        ObjectNode kept = JsonNodeFactory.instance.objectNode();
        kept.put("@odata.type", CONDITIONS);
        kept.putObject("scope").put("@odata.type", RULE_SCOPE).put("rule", rule.asText());
        if (ATTRIBUTE_TRIGGER.equals(triggerType)) {
            JsonNode attributes = trigger.path("triggerAttributes");
            if (!attributes.isArray() || attributes.isEmpty() || attributes.size() > MAX_TRIGGER_ATTRIBUTES) {
                throw GraphException.invalidField("executionConditions.trigger.triggerAttributes",
                        "Property 'triggerAttributes' must name 1 to " + MAX_TRIGGER_ATTRIBUTES + " user attributes.");
            }
            ArrayNode watched = kept.putObject("trigger").put("@odata.type", ATTRIBUTE_TRIGGER).putArray("triggerAttributes");
            Set<String> seen = new java.util.HashSet<>();
            for (JsonNode attribute : attributes) {
                String name = attribute.path("name").asText("");
                String known = CHANGE_ATTRIBUTES.stream().filter(a -> a.equalsIgnoreCase(name)).findFirst()
                        .orElseThrow(() -> GraphException.invalidField("executionConditions.trigger.triggerAttributes",
                                "'" + (name.length() > 64 ? name.substring(0, 64) + "…" : name) + "' is not a user attribute a trigger can watch; one of "
                                        + String.join(", ", CHANGE_ATTRIBUTES) + "."));
                if (seen.add(known)) {
                    watched.addObject().put("@odata.type", NS.substring(1) + "triggerAttribute").put("name", known);
                }
            }
            return kept;
        }
        if (!TIME_TRIGGER.equals(triggerType)) {
            throw GraphException.invalidField("executionConditions.trigger",
                    "The trigger must be a " + TIME_TRIGGER.substring(1) + ", an " + ATTRIBUTE_TRIGGER.substring(1)
                            + " or a " + MEMBERSHIP_TRIGGER.substring(1) + ".");
        }
        JsonNode attribute = trigger.path("timeBasedAttribute");
        if (!attribute.isTextual() || !TIME_ATTRIBUTES.contains(attribute.asText())) {
            throw GraphException.invalidField("executionConditions.trigger.timeBasedAttribute",
                    "Property 'timeBasedAttribute' must be one of " + String.join(", ", TIME_ATTRIBUTES) + ".");
        }
        JsonNode offset = trigger.path("offsetInDays");
        if (!offset.isInt() || Math.abs(offset.asInt()) > MAX_OFFSET) {
            throw GraphException.invalidField("executionConditions.trigger.offsetInDays",
                    "Property 'offsetInDays' must be a whole number from -" + MAX_OFFSET + " to " + MAX_OFFSET + ".");
        }
        kept.putObject("trigger").put("@odata.type", TIME_TRIGGER).put("timeBasedAttribute", attribute.asText())
                .put("offsetInDays", offset.asInt());
        return kept;
    }

    /**
     * A membershipChangeTrigger ({@code changeType} add or remove) with a groupBasedSubjectSet naming its
     * groups, as {@code groups: [{"id": …}]} or {@code groups@odata.bind: [".../groups/{id}"]}.
     */
    private static ObjectNode membershipChangeConditions(JsonNode scope, JsonNode trigger) {
        if (!scope.isObject() || !GROUP_SCOPE.equals(scope.path("@odata.type").asText())) {
            throw GraphException.invalidField("executionConditions.scope",
                    "A " + MEMBERSHIP_TRIGGER.substring(1) + " needs a " + GROUP_SCOPE.substring(1) + " scope naming its groups.");
        }
        String changeType = trigger.path("changeType").asText("");
        if (!CHANGE_TYPES.contains(changeType)) {
            throw GraphException.invalidField("executionConditions.trigger.changeType",
                    "Property 'changeType' must be add or remove.");
        }
        List<String> groups = new java.util.ArrayList<>();
        scope.path("groups").forEach(g -> groups.add(g.path("id").asText("")));
        scope.path("groups@odata.bind").forEach(g -> {
            String url = g.asText("");
            groups.add(url.substring(url.lastIndexOf('/') + 1));
        });
        if (groups.isEmpty() || groups.size() > MAX_SCOPE_GROUPS) {
            throw GraphException.invalidField("executionConditions.scope.groups",
                    "The scope must name 1 to " + MAX_SCOPE_GROUPS + " groups.");
        }
        ObjectNode kept = JsonNodeFactory.instance.objectNode();
        kept.put("@odata.type", CONDITIONS);
        ArrayNode keptGroups = kept.putObject("scope").put("@odata.type", GROUP_SCOPE).putArray("groups");
        Set<String> seen = new HashSet<>();
        for (String group : groups) {
            if (!Ids.isGuid(group)) {
                throw GraphException.invalidField("executionConditions.scope.groups",
                        "Each group of the scope must be a group's id.");
            }
            if (seen.add(group.toLowerCase(Locale.ROOT))) {
                keptGroups.addObject().put("id", group.toLowerCase(Locale.ROOT));
            }
        }
        kept.putObject("trigger").put("@odata.type", MEMBERSHIP_TRIGGER).put("changeType", changeType);
        return kept;
    }

    /** The tasks as Tessera keeps them: each with an id and its executionSequence; 400 for anything invalid. */
    static ArrayNode tasks(JsonNode value, String workflowCategory) {
        if (value == null || value.isNull() || !value.isArray() || value.isEmpty()) {
            throw GraphException.invalidField("tasks", "A workflow needs at least one task.");
        }
        if (value.size() > MAX_TASKS) {
            throw GraphException.invalidField("tasks", "A workflow can have up to " + MAX_TASKS + " tasks.");
        }
        ArrayNode kept = JsonNodeFactory.instance.arrayNode();
        int sequence = 1;
        for (JsonNode task : value) {
            String where = "tasks[" + (sequence - 1) + "]";
            if (!task.isObject()) {
                throw GraphException.invalidField(where, "A task must be an object.");
            }
            unknown(task, TASK_PROPERTIES, "task");
            String definitionId = task.path("taskDefinitionId").asText(null);
            TaskDefinitions.Definition definition = TaskDefinitions.find(definitionId).orElseThrow(() ->
                    GraphException.invalidField(where + ".taskDefinitionId", "Task definition '" + definitionId
                            + "' does not exist or is not one Tessera runs (GET taskDefinitions lists them)."));
            if (!List.of(definition.category().split(",")).contains(workflowCategory)) {
                throw GraphException.invalidField(where + ".taskDefinitionId", "Task definition '" + definition.displayName()
                        + "' cannot be used in a " + workflowCategory + " workflow (its category is " + definition.category() + ").");
            }
            text(task, "displayName", 256, true);
            text(task, "description", 1024, false);
            bool(task, "isEnabled");
            bool(task, "continueOnError");
            ObjectNode out = kept.addObject();
            out.put("id", task.hasNonNull("id") && Ids.isGuid(task.get("id").asText()) ? task.get("id").asText()
                    : UUID.randomUUID().toString());
            out.put("category", definition.category());
            out.put("continueOnError", task.path("continueOnError").asBoolean(false));
            out.put("description", task.path("description").asText(null));
            out.put("displayName", task.get("displayName").asText());
            out.put("executionSequence", sequence);
            out.put("isEnabled", task.path("isEnabled").asBoolean(true));
            out.put("taskDefinitionId", definition.id());
            out.set("arguments", arguments(task.get("arguments"), definition, where));
            sequence++;
        }
        return kept;
    }

    private static ArrayNode arguments(JsonNode value, TaskDefinitions.Definition definition, String where) {
        ArrayNode kept = JsonNodeFactory.instance.arrayNode();
        Set<String> seen = new HashSet<>();
        if (value != null && !value.isNull()) {
            if (!value.isArray()) {
                throw GraphException.invalidField(where + ".arguments", "Property 'arguments' must be a collection of keyValuePair.");
            }
            for (JsonNode argument : value) {
                String name = argument.path("name").asText(null);
                JsonNode text = argument.path("value");
                TaskDefinitions.Parameter parameter = definition.parameters().stream()
                        .filter(p -> p.name().equalsIgnoreCase(name)).findFirst().orElseThrow(() ->
                                GraphException.invalidField(where + ".arguments", "Task definition '"
                                        + definition.displayName() + "' has no parameter '" + name + "'."));
                if (!text.isTextual() || text.asText().length() > 4096) {
                    throw GraphException.invalidField(where + ".arguments", "The value of argument '" + name
                            + "' must be a string (at most 4096 characters).");
                }
                if (!seen.add(parameter.name())) {
                    throw GraphException.invalidField(where + ".arguments", "Argument '" + name + "' is given twice.");
                }
                if (!parameter.values().isEmpty() && !parameter.values().contains(text.asText().toLowerCase(Locale.ROOT))) {
                    throw GraphException.invalidField(where + ".arguments", "Argument '" + name + "' must be one of "
                            + String.join(", ", parameter.values()) + ".");
                }
                if (parameter.name().equals("groupID")) {
                    List<String> ids = ids(text.asText());
                    if (ids.isEmpty() || ids.size() > 20 || !ids.stream().allMatch(Ids::isGuid)) {
                        throw GraphException.invalidField(where + ".arguments",
                                "Argument 'groupID' must be 1 to 20 group ids, comma-separated.");
                    }
                }
                if (parameter.name().endsWith("Id") && !Ids.isGuid(text.asText().trim())) {
                    throw GraphException.invalidField(where + ".arguments", "Argument '" + name + "' must be an id.");
                }
                kept.addObject().put("name", parameter.name()).put("value", text.asText().trim());
            }
        }
        for (String required : definition.required()) {
            if (!seen.contains(required)) {
                throw GraphException.invalidField(where + ".arguments", "Task definition '" + definition.displayName()
                        + "' needs the argument '" + required + "'.");
            }
        }
        return kept;
    }

    static List<String> ids(String commaSeparated) {
        return java.util.Arrays.stream(commaSeparated.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /** The value of a task's argument, or null. */
    static String argument(JsonNode task, String name) {
        for (JsonNode argument : task.path("arguments")) {
            if (name.equals(argument.path("name").asText())) {
                return argument.path("value").asText();
            }
        }
        return null;
    }

    private static void requireObject(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw GraphException.badRequest("A workflow body is required.");
        }
    }

    private static void unknown(JsonNode body, Set<String> allowed, String type) {
        Iterator<String> names = body.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw GraphException.invalidField(name, "Property '" + name + "' does not exist on type '"
                        + "microsoft.graph.identityGovernance." + type + "' or cannot be set.");
            }
        }
    }

    private static void text(JsonNode body, String property, int max, boolean required) {
        JsonNode value = body.get(property);
        if (value == null || value.isNull()) {
            if (required) {
                throw GraphException.invalidField(property, "Property '" + property + "' is required.");
            }
            return;
        }
        if (!value.isTextual() || (required && value.asText().isBlank())) {
            throw GraphException.invalidField(property, "Property '" + property + "' must be a non-empty string.");
        }
        if (value.asText().length() > max) {
            throw GraphException.invalidField(property, "Property '" + property + "' is longer than " + max + " characters.");
        }
    }

    private static void bool(JsonNode body, String property) {
        JsonNode value = body.get(property);
        if (value != null && !value.isBoolean()) {
            throw GraphException.invalidField(property, "Property '" + property + "' must be true or false.");
        }
    }
}
