package dev.tessera.provisioning.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.platform.graph.GraphException;
import dev.tessera.platform.graph.GraphJson;
import dev.tessera.platform.graph.Ids;
import dev.tessera.provisioning.group.DirectoryGroup;
import dev.tessera.provisioning.user.DirectoryUser;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Lifecycle workflows: create, read, change (a change of tasks or conditions is a new version), delete, activate. */
@ApplicationScoped
public class WorkflowService {

    /** Graph: a tenant has at most 100 workflows; an activation names at most 100 subjects. */
    static final int MAX_WORKFLOWS = 100;
    static final int MAX_SUBJECTS = 100;

    @Inject
    LifecycleAccess access;

    @Inject
    LifecycleRunner runner;

    @Inject
    GraphJson json;

    @Inject
    InstantSource clock;

    ObjectMapper mapper() {
        return json.mapper();
    }

    @WithTransaction
    public Uni<ObjectNode> create(JsonNode body) {
        access.requireWrite();
        WorkflowRules.validateCreate(body);
        String category = body.get("category").asText();
        ObjectNode conditions = WorkflowRules.executionConditions(body.get("executionConditions"));
        ArrayNode tasks = WorkflowRules.tasks(body.get("tasks"), category);
        Instant now = clock.instant();
        Workflow workflow = new Workflow();
        workflow.id = UUID.randomUUID();
        workflow.displayName = body.get("displayName").asText().trim();
        workflow.description = body.path("description").asText(null);
        workflow.category = category;
        workflow.isEnabled = body.path("isEnabled").asBoolean(true);
        workflow.isSchedulingEnabled = body.path("isSchedulingEnabled").asBoolean(false);
        workflow.executionConditions = conditions.toString();
        workflow.tasks = tasks.toString();
        workflow.version = 1;
        workflow.versionCreatedDateTime = now;
        workflow.createdDateTime = now;
        workflow.lastModifiedDateTime = now;
        return requireScopeGroups(conditions).chain(() -> Workflow.count()).chain(count -> {
            if (count >= MAX_WORKFLOWS) {
                throw GraphException.badRequest("A tenant can have up to " + MAX_WORKFLOWS + " workflows.");
            }
            return workflow.persist();
        }).chain(() -> WorkflowVersion.of(workflow, now).persist())
                .chain(() -> runner.scheduleEvaluation(workflow))
                .map(ignored -> WorkflowJson.workflow(mapper(), workflow));
    }

    @WithSession
    public Uni<List<ObjectNode>> list() {
        access.requireRead();
        return Workflow.<Workflow>list("order by createdDateTime, id")
                .map(all -> all.stream().map(w -> WorkflowJson.workflow(mapper(), w)).toList());
    }

    @WithSession
    public Uni<ObjectNode> get(String id) {
        access.requireRead();
        return require(id).map(w -> WorkflowJson.workflow(mapper(), w));
    }

    /**
     * Basic properties change in place; tasks or executionConditions make a new version (Graph's
     * createNewVersion), which a scheduled run then processes everyone in scope for again.
     */
    @WithTransaction
    public Uni<Void> update(String id, JsonNode body) {
        access.requireWrite();
        return require(id).chain(workflow -> {
            boolean newVersion = WorkflowRules.validatePatch(body, workflow.isEnabled, workflow.isSchedulingEnabled);
            ObjectNode changedConditions = body.has("executionConditions")
                    ? WorkflowRules.executionConditions(body.get("executionConditions")) : null;
            String conditions = changedConditions != null ? changedConditions.toString() : workflow.executionConditions;
            String tasks = body.has("tasks") ? WorkflowRules.tasks(body.get("tasks"), workflow.category).toString() : workflow.tasks;
            Instant now = clock.instant();
            if (body.has("displayName")) {
                workflow.displayName = body.get("displayName").asText().trim();
            }
            if (body.has("description")) {
                workflow.description = body.get("description").isNull() ? null : body.get("description").asText();
            }
            if (body.has("isEnabled")) {
                workflow.isEnabled = body.get("isEnabled").asBoolean();
            }
            if (body.has("isSchedulingEnabled")) {
                workflow.isSchedulingEnabled = body.get("isSchedulingEnabled").asBoolean();
            }
            workflow.lastModifiedDateTime = now;
            Uni<Void> versioned = Uni.createFrom().voidItem();
            if (newVersion) {
                workflow.executionConditions = conditions;
                workflow.tasks = tasks;
                workflow.version++;
                workflow.versionCreatedDateTime = now;
                versioned = WorkflowVersion.of(workflow, now).persist().replaceWithVoid();
            }
            Uni<Void> groupsExist = changedConditions == null ? Uni.createFrom().voidItem() : requireScopeGroups(changedConditions);
            Uni<Void> version = versioned;
            return groupsExist.chain(() -> version).chain(() -> runner.scheduleEvaluation(workflow));
        });
    }

    /** The groups a groupBasedSubjectSet scope names must exist (400 otherwise). */
    private static Uni<Void> requireScopeGroups(ObjectNode conditions) {
        List<UUID> groups = new ArrayList<>();
        conditions.path("scope").path("groups").forEach(g -> groups.add(UUID.fromString(g.path("id").asText())));
        if (groups.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return DirectoryGroup.<DirectoryGroup>list("id in ?1", groups).map(found -> {
            for (UUID group : groups) {
                if (found.stream().noneMatch(g -> g.id.equals(group))) {
                    throw GraphException.invalidField("executionConditions.scope.groups", "Group '" + group + "' does not exist.");
                }
            }
            return null;
        }).replaceWithVoid();
    }

    /** Deleting a workflow deletes its versions, runs and results with it. */
    @WithTransaction
    public Uni<Void> delete(String id) {
        access.requireWrite();
        return require(id).chain(workflow -> runner.cancelEvaluation(workflow.id)
                .chain(() -> Workflow.delete("id", workflow.id))).replaceWithVoid();
    }

    @WithSession
    public Uni<List<ObjectNode>> versions(String id) {
        access.requireRead();
        return require(id).chain(w -> WorkflowVersion.<WorkflowVersion>list("workflowId = ?1 order by versionNumber", w.id))
                .map(all -> all.stream().map(v -> WorkflowJson.version(mapper(), v)).toList());
    }

    @WithSession
    public Uni<ObjectNode> version(String id, String number) {
        access.requireRead();
        int versionNumber;
        try {
            versionNumber = Integer.parseInt(number);
        } catch (NumberFormatException e) {
            throw notFound(number);
        }
        return require(id).chain(w -> WorkflowVersion.<WorkflowVersion>find("workflowId = ?1 and versionNumber = ?2",
                        w.id, versionNumber).<WorkflowVersion>firstResult())
                .map(v -> {
                    if (v == null) {
                        throw notFound(number);
                    }
                    return WorkflowJson.version(mapper(), v);
                });
    }

    /** {@code POST workflows/{id}/activate}: runs the workflow now for these users, whether or not they are in scope. */
    @WithTransaction
    public Uni<Void> activate(String id, JsonNode body) {
        access.requireWrite();
        return require(id).chain(workflow -> {
            if (body == null || !body.isObject() || !body.path("subjects").isArray() || body.get("subjects").isEmpty()) {
                throw GraphException.invalidField("subjects", "Property 'subjects' is required: the users to run the workflow for.");
            }
            if (body.get("subjects").size() > MAX_SUBJECTS) {
                throw GraphException.invalidField("subjects", "At most " + MAX_SUBJECTS + " subjects can be activated at once.");
            }
            if (!workflow.isEnabled) {
                throw GraphException.badRequest("Workflow '" + workflow.id + "' is not enabled.");
            }
            Set<UUID> subjects = new LinkedHashSet<>();
            for (JsonNode subject : body.get("subjects")) {
                String subjectId = subject.path("id").asText(null);
                if (!Ids.isGuid(subjectId)) {
                    throw GraphException.invalidField("subjects", "Each subject needs the 'id' of a user.");
                }
                subjects.add(UUID.fromString(subjectId));
            }
            return DirectoryUser.<DirectoryUser>list("id in ?1", List.copyOf(subjects)).chain(found -> {
                if (found.size() != subjects.size()) {
                    List<UUID> missing = new ArrayList<>(subjects);
                    found.forEach(u -> missing.remove(u.id));
                    throw GraphException.invalidField("subjects", "User '" + missing.get(0) + "' does not exist.");
                }
                return runner.start(workflow, "onDemand", List.copyOf(subjects));
            }).replaceWithVoid();
        });
    }

    @WithSession
    public Uni<List<ObjectNode>> runs(String id) {
        access.requireRead();
        return require(id).chain(w -> WorkflowRun.<WorkflowRun>list("workflowId = ?1 order by scheduledDateTime, id", w.id))
                .chain(runs -> runs.isEmpty() ? Uni.createFrom().item(List.<ObjectNode>of()) : runViews(runs));
    }

    @WithSession
    public Uni<ObjectNode> run(String id, String runId) {
        access.requireRead();
        return requireRun(id, runId).chain(run -> runViews(List.of(run))).map(list -> list.get(0));
    }

    private Uni<List<ObjectNode>> runViews(List<WorkflowRun> runs) {
        List<UUID> ids = runs.stream().map(r -> r.id).toList();
        return UserResult.<UserResult>list("runId in ?1", ids).chain(users -> {
            List<UUID> userIds = users.stream().map(u -> u.id).toList();
            Uni<List<TaskResult>> tasks = userIds.isEmpty() ? Uni.createFrom().item(List.of())
                    : TaskResult.<TaskResult>list("userResultId in ?1", userIds);
            return tasks.map(all -> runs.stream().map(run -> {
                List<UserResult> mine = users.stream().filter(u -> u.runId.equals(run.id)).toList();
                Set<UUID> mineIds = new java.util.HashSet<>(mine.stream().map(u -> u.id).toList());
                return WorkflowJson.run(mapper(), run, mine, all.stream().filter(t -> mineIds.contains(t.userResultId)).toList());
            }).toList());
        });
    }

    /** {@code workflows/{id}/userProcessingResults}, or a run's ({@code runId} not null). */
    @WithSession
    public Uni<List<ObjectNode>> userResults(String id, String runId) {
        access.requireRead();
        Uni<List<UserResult>> users = runId == null
                ? require(id).chain(w -> UserResult.<UserResult>list("workflowId = ?1 order by scheduledDateTime, id", w.id))
                : requireRun(id, runId).chain(run -> UserResult.<UserResult>list("runId = ?1 order by scheduledDateTime, id", run.id));
        return users.chain(list -> {
            if (list.isEmpty()) {
                return Uni.createFrom().item(List.<ObjectNode>of());
            }
            return TaskResult.<TaskResult>list("userResultId in ?1", list.stream().map(u -> u.id).toList())
                    .map(tasks -> list.stream().map(u -> WorkflowJson.userResult(mapper(), u,
                            tasks.stream().filter(t -> t.userResultId.equals(u.id)).toList())).toList());
        });
    }

    @WithSession
    public Uni<ObjectNode> userResult(String id, String runId, String resultId) {
        return userResults(id, runId).map(list -> list.stream().filter(u -> u.path("id").asText().equalsIgnoreCase(resultId))
                .findFirst().orElseThrow(() -> notFound(resultId)));
    }

    /** A user's task results; under a run ({@code runId}) or directly under the workflow. */
    @WithSession
    public Uni<List<ObjectNode>> taskResults(String id, String runId, String resultId) {
        access.requireRead();
        UUID resultUuid = pathId(resultId);
        Uni<UUID> owner = runId == null ? require(id).map(w -> w.id) : requireRun(id, runId).map(r -> r.workflowId);
        return owner.chain(workflowId -> UserResult.<UserResult>findById(resultUuid).chain(user -> {
            if (user == null || !user.workflowId.equals(workflowId)
                    || (runId != null && !user.runId.toString().equalsIgnoreCase(runId))) {
                throw notFound(resultId);
            }
            return TaskResult.<TaskResult>list("userResultId = ?1 order by position", user.id)
                    .map(tasks -> tasks.stream().map(t -> WorkflowJson.taskResult(mapper(), t, user)).toList());
        }));
    }

    Uni<Workflow> require(String id) {
        UUID uuid = pathId(id);
        return Workflow.<Workflow>findById(uuid).onItem().ifNull().failWith(() -> notFound(id));
    }

    private Uni<WorkflowRun> requireRun(String id, String runId) {
        UUID runUuid = pathId(runId);
        return require(id).chain(w -> WorkflowRun.<WorkflowRun>findById(runUuid).map(run -> {
            if (run == null || !run.workflowId.equals(w.id)) {
                throw notFound(runId);
            }
            return run;
        }));
    }

    private static UUID pathId(String id) {
        if (!Ids.isGuid(id)) {
            throw notFound(id);
        }
        return UUID.fromString(id);
    }

    static GraphException notFound(String id) {
        return GraphException.notFound("Resource '" + id + "' does not exist or one of its queried reference-property "
                + "objects are not present.");
    }
}
