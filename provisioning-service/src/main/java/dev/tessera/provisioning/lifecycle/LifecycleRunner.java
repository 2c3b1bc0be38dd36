package dev.tessera.provisioning.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.platform.messaging.events.EventTypes;
import dev.tessera.platform.messaging.timer.DueTimer;
import dev.tessera.platform.messaging.timer.DurableTimerBatch;
import dev.tessera.platform.messaging.timer.DurableTimers;
import dev.tessera.platform.messaging.timer.TimerHandler;
import dev.tessera.provisioning.group.MembershipService;
import dev.tessera.provisioning.user.DirectoryUser;
import dev.tessera.provisioning.user.UserService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * Runs workflows on durable timers, so a stopped service catches up and nothing is lost:
 * <ul>
 * <li>{@value #EVALUATE} (key: workflow id) — a scheduled workflow's evaluation, every
 * {@code tessera.lifecycle.evaluation-interval} (a day): each user in scope whose trigger day
 * (the time attribute's UTC date plus offsetInDays) has come — since the current version was made — and
 * whom this version has not processed yet gets processed, in one new run.</li>
 * <li>{@value #PROCESS} (key: a userProcessingResult id) — that user's next task, one task to a
 * transaction; it schedules itself again while tasks remain. A task whose peer (request-service) cannot be
 * reached (or answers 5xx) fails the firing as an outage, which the timer holds and retries, never parks.</li>
 * </ul>
 */
@ApplicationScoped
public class LifecycleRunner {

    private static final Logger LOG = Logger.getLogger(LifecycleRunner.class);

    static final String EVALUATE = "lifecycle.evaluate";
    static final String PROCESS = "lifecycle.process";

    @Inject
    DurableTimers timers;

    @Inject
    DurableTimerBatch timerBatch;

    @Inject
    InstantSource clock;

    @Inject
    ObjectMapper mapper;

    @Inject
    MembershipService memberships;

    @Inject
    UserService users;

    @Inject
    @RestClient
    LifecycleRequestClient requests;

    @ConfigProperty(name = "tessera.lifecycle.evaluation-interval", defaultValue = "P1D")
    Duration evaluationInterval;

    /**
     * After a create or change: a scheduled workflow with a time-based trigger is evaluated now, and then
     * every interval (change-triggered workflows run from directory events instead: {@link #directoryChanged}).
     */
    Uni<Void> scheduleEvaluation(Workflow workflow) {
        if (workflow.isEnabled && workflow.isSchedulingEnabled
                && WorkflowRules.conditions(workflow.executionConditions, mapper).timeBased()) {
            return timers.schedule(EVALUATE, workflow.id.toString(), clock.instant(), null);
        }
        return cancelEvaluation(workflow.id);
    }

    Uni<Void> cancelEvaluation(UUID workflowId) {
        return timers.cancel(EVALUATE, workflowId.toString()).replaceWithVoid();
    }

    /** A new run of the workflow's current version for these users, each queued with its enabled tasks. */
    Uni<WorkflowRun> start(Workflow workflow, String executionType, List<UUID> subjects) {
        return start(workflow, executionType, subjects, null);
    }

    /** As {@link #start(Workflow, String, List)}; {@code triggeredBy}: the directory event of a change trigger. */
    Uni<WorkflowRun> start(Workflow workflow, String executionType, List<UUID> subjects, String triggeredBy) {
        Instant now = clock.instant();
        WorkflowRun run = new WorkflowRun();
        run.id = UUID.randomUUID();
        run.workflowId = workflow.id;
        run.workflowVersion = workflow.version;
        run.workflowExecutionType = executionType;
        run.scheduledDateTime = now;
        run.lastUpdatedDateTime = now;
        List<Object> rows = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        JsonNode tasks = WorkflowJson.read(mapper, workflow.tasks);
        for (UUID subject : subjects) {
            UserResult user = new UserResult();
            user.id = UUID.randomUUID();
            user.runId = run.id;
            user.workflowId = workflow.id;
            user.workflowVersion = workflow.version;
            user.workflowExecutionType = executionType;
            user.subjectId = subject;
            user.triggeredBy = triggeredBy;
            user.processingStatus = "queued";
            user.scheduledDateTime = now;
            rows.add(user);
            keys.add(user.id.toString());
            int position = 0;
            for (JsonNode task : tasks) {
                if (!task.path("isEnabled").asBoolean(true)) {
                    continue;
                }
                TaskResult result = new TaskResult();
                result.id = UUID.randomUUID();
                result.userResultId = user.id;
                result.position = position++;
                result.task = task.toString();
                result.processingStatus = "queued";
                result.createdDateTime = now;
                rows.add(result);
            }
        }
        return run.persist().chain(() -> io.quarkus.hibernate.reactive.panache.Panache.getSession())
                .chain(session -> session.persistAll(rows.toArray()))
                .chain(() -> timerBatch.scheduleAll(PROCESS, keys, now))
                .replaceWith(run);
    }

    /** The scheduled evaluation of one workflow. */
    @ApplicationScoped
    public static class Evaluation implements TimerHandler {

        @Inject
        LifecycleRunner runner;

        @Override
        public String kind() {
            return EVALUATE;
        }

        @Override
        public Uni<Void> fire(DueTimer timer) {
            return Workflow.<Workflow>findById(UUID.fromString(timer.key()))
                    .chain(workflow -> workflow == null || !workflow.isEnabled || !workflow.isSchedulingEnabled
                            ? Uni.createFrom().voidItem() : runner.evaluate(workflow));
        }
    }

    /** One user's next task. */
    @ApplicationScoped
    public static class Processing implements TimerHandler {

        @Inject
        LifecycleRunner runner;

        @Override
        public String kind() {
            return PROCESS;
        }

        @Override
        public Uni<Void> fire(DueTimer timer) {
            return UserResult.<UserResult>findById(UUID.fromString(timer.key()))
                    .chain(user -> user == null || WorkflowJson.isFinal(user.processingStatus)
                            ? Uni.createFrom().voidItem() : runner.nextTask(user));
        }
    }

    /**
     * A directory change (consumer {@value LifecycleTriggers#CONSUMER}, once per event): every enabled,
     * scheduled workflow whose attributeChangeTrigger watches one of the user's changed attributes and whose
     * scope rule admits the user as the change left them, or whose membershipChangeTrigger matches the membership
     * added to or removed from one of its scope's groups, runs for that user — once per event.
     */
    Uni<Void> directoryChanged(String eventId, String type, UUID objectId, UUID groupId, Map<String, Object> changes) {
        Set<String> changed = changes.keySet();
        boolean membership = EventTypes.GROUP_MEMBER_ADDED.equals(type) || EventTypes.GROUP_MEMBER_REMOVED.equals(type);
        String changeType = EventTypes.GROUP_MEMBER_ADDED.equals(type) ? "add" : "remove";
        return Workflow.<Workflow>list("isEnabled = true and isSchedulingEnabled = true order by createdDateTime, id")
                .chain(workflows -> {
                    List<Workflow> hit = new ArrayList<>();
                    for (Workflow workflow : workflows) {
                        WorkflowRules.Conditions conditions = WorkflowRules.conditions(workflow.executionConditions, mapper);
                        if (membership ? conditions.membershipChange() && changeType.equals(conditions.changeType())
                                && groupId != null && conditions.groups().contains(groupId.toString())
                                : conditions.attributeChange() && conditions.watched().stream().anyMatch(changed::contains)) {
                            hit.add(workflow);
                        }
                    }
                    if (hit.isEmpty()) {
                        return Uni.createFrom().voidItem();
                    }
                    return DirectoryUser.<DirectoryUser>findById(objectId).chain(user -> {
                        if (user == null) {
                            return Uni.createFrom().voidItem(); // not a user (a nested group), or deleted since
                        }
                        Uni<Void> all = Uni.createFrom().voidItem();
                        for (Workflow workflow : hit) {
                            WorkflowRules.Conditions conditions = WorkflowRules.conditions(workflow.executionConditions, mapper);
                            // the user as this change left them: its own values over what is stored now (a later
                            // change may already be committed; its own event is judged by its own values)
                            Map<String, Object> state = new java.util.HashMap<>(user.ruleAttributes());
                            if (!membership) {
                                state.putAll(changes);
                            }
                            if (conditions.rule() != null && !conditions.rule().matches(state)) {
                                continue;
                            }
                            all = all.chain(() -> start(workflow, "scheduled", List.of(user.id), eventId).replaceWithVoid());
                        }
                        return all;
                    });
                });
    }

    Uni<Void> evaluate(Workflow workflow) {
        WorkflowRules.Conditions conditions = WorkflowRules.conditions(workflow.executionConditions, mapper);
        if (!conditions.timeBased()) {
            return Uni.createFrom().voidItem(); // a change-triggered workflow runs from directory events
        }
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        LocalDate from = LocalDate.ofInstant(workflow.versionCreatedDateTime, ZoneOffset.UTC);
        // trigger day = date(attribute) + offset, within [from, today]: the attribute's date within [from - offset, today - offset]
        Instant lower = from.minusDays(conditions.offsetInDays()).atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant upper = today.minusDays(conditions.offsetInDays()).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        String attribute = conditions.attribute().equals("employeeHireDate") ? "employeeHireDate" : "employeeLeaveDateTime";
        return DirectoryUser.<DirectoryUser>list(attribute + " >= ?1 and " + attribute + " < ?2 and id not in "
                                + "(select r.subjectId from UserResult r where r.workflowId = ?3 and r.workflowVersion = ?4 "
                                + "and r.workflowExecutionType = 'scheduled' and r.triggeredBy is null) order by id",
                        lower, upper, workflow.id, workflow.version)
                .chain(candidates -> {
                    List<UUID> due = candidates.stream().filter(u -> conditions.rule().matches(u.ruleAttributes()))
                            .map(u -> u.id).toList();
                    Uni<Void> started = due.isEmpty() ? Uni.createFrom().voidItem()
                            : start(workflow, "scheduled", due).replaceWithVoid();
                    return started.chain(() -> timers.schedule(EVALUATE, workflow.id.toString(),
                            now.plus(evaluationInterval), null));
                });
    }

    Uni<Void> nextTask(UserResult user) {
        return TaskResult.<TaskResult>list("userResultId = ?1 order by position", user.id).chain(tasks -> {
            Optional<TaskResult> next = tasks.stream().filter(t -> !WorkflowJson.isFinal(t.processingStatus)).findFirst();
            Instant now = clock.instant();
            if (user.startedDateTime == null) {
                user.startedDateTime = now;
            }
            user.processingStatus = "inProgress";
            if (next.isEmpty()) {
                return finish(user, tasks, now);
            }
            TaskResult task = next.get();
            task.startedDateTime = now;
            task.processingStatus = "inProgress";
            JsonNode definition = WorkflowJson.read(mapper, task.task);
            return execute(definition, user).chain(outcome -> {
                Instant done = clock.instant();
                task.completedDateTime = done;
                task.processingStatus = outcome.failure() == null ? "completed" : "failed";
                task.failureReason = outcome.failure();
                task.requestIds = outcome.requestIds().isEmpty() ? null : String.join(",", outcome.requestIds());
                if (outcome.failure() != null && !definition.path("continueOnError").asBoolean(false)) {
                    // the workflow stops for this user: the tasks after it are not run
                    tasks.stream().filter(t -> !WorkflowJson.isFinal(t.processingStatus)).forEach(t -> {
                        t.processingStatus = "canceled";
                        t.completedDateTime = done;
                    });
                }
                boolean more = tasks.stream().anyMatch(t -> !WorkflowJson.isFinal(t.processingStatus));
                return more ? timers.schedule(PROCESS, user.id.toString(), done, null) : finish(user, tasks, done);
            });
        });
    }

    private Uni<Void> finish(UserResult user, List<TaskResult> tasks, Instant now) {
        user.completedDateTime = now;
        user.processingStatus = tasks.stream().anyMatch(t -> "failed".equals(t.processingStatus)) ? "failed" : "completed";
        return Uni.createFrom().voidItem();
    }

    /** What a task did: a failure reason (null: done) and the assignment requests it made. */
    record Outcome(String failure, List<String> requestIds) {

        static Outcome done() {
            return new Outcome(null, List.of());
        }

        static Outcome failed(String reason) {
            return new Outcome(reason, List.of());
        }
    }

    private Uni<Outcome> execute(JsonNode task, UserResult user) {
        UUID subject = user.subjectId;
        String definition = task.path("taskDefinitionId").asText();
        return DirectoryUser.<DirectoryUser>findById(subject).chain(found -> {
            if (found == null) {
                return Uni.createFrom().item(Outcome.failed("User '" + subject + "' does not exist."));
            }
            return switch (definition) {
                case TaskDefinitions.ADD_TO_GROUPS -> eachGroup(task, id -> memberships.addDirectMember(id, subject));
                case TaskDefinitions.REMOVE_FROM_GROUPS -> eachGroup(task, id -> memberships.removeDirectMember(id, subject));
                case TaskDefinitions.REMOVE_FROM_ALL_GROUPS -> memberships.directGroups(subject)
                        .chain(groups -> each(groups, id -> memberships.removeDirectMember(id, subject)));
                case TaskDefinitions.ENABLE_ACCOUNT -> users.setAccountEnabled(subject, true).map(ignored -> Outcome.done());
                case TaskDefinitions.DISABLE_ACCOUNT -> users.setAccountEnabled(subject, false).map(ignored -> Outcome.done());
                case TaskDefinitions.REQUEST_PACKAGE -> packages(task, user, "adminAdd", false);
                case TaskDefinitions.REMOVE_PACKAGE -> packages(task, user, "adminRemove", false);
                case TaskDefinitions.REMOVE_ALL_PACKAGES -> packages(task, user, "adminRemove", true);
                default -> Uni.createFrom().item(Outcome.failed("Task definition '" + definition + "' is not run by Tessera."));
            };
        });
    }

    private Uni<Outcome> eachGroup(JsonNode task, java.util.function.Function<UUID, Uni<Optional<String>>> action) {
        String groups = WorkflowRules.argument(task, "groupID");
        List<UUID> ids = groups == null ? List.of() : WorkflowRules.ids(groups).stream().map(UUID::fromString).toList();
        return each(ids, action);
    }

    private Uni<Outcome> each(List<UUID> ids, java.util.function.Function<UUID, Uni<Optional<String>>> action) {
        Uni<List<String>> failures = Uni.createFrom().item(new ArrayList<>());
        for (UUID id : ids) {
            failures = failures.chain(list -> action.apply(id).map(failure -> {
                failure.ifPresent(list::add);
                return list;
            }));
        }
        return failures.map(list -> list.isEmpty() ? Outcome.done() : Outcome.failed(String.join(" ", list)));
    }

    /**
     * Access-package tasks: request-service makes the administrator's request(s). A refusal (4xx) fails the
     * task with its reason; request-service unreachable (or a 5xx) fails the firing: the timer retries it.
     */
    private Uni<Outcome> packages(JsonNode task, UserResult user, String requestType, boolean all) {
        ObjectNode body = mapper.createObjectNode();
        body.put("targetId", user.subjectId.toString());
        String packageId = WorkflowRules.argument(task, "accessPackageId");
        String policyId = WorkflowRules.argument(task, "assignmentPolicyId");
        if (packageId != null) {
            body.put("accessPackageId", packageId);
        }
        if (policyId != null) {
            body.put("assignmentPolicyId", policyId);
        }
        body.put("requestType", requestType);
        body.put("all", all);
        return Workflow.<Workflow>findById(user.workflowId).chain(workflow -> {
            body.put("justification", "Lifecycle workflow " + (workflow == null ? user.workflowId : workflow.displayName));
            return requests.create(body);
        }).map(answer -> {
            List<String> ids = new ArrayList<>();
            answer.path("requestIds").forEach(id -> ids.add(id.asText()));
            return new Outcome(null, ids);
        }).onFailure(LifecycleRunner::isRefusal).recoverWithItem(e -> Outcome.failed(reason((WebApplicationException) e)))
                // a 5xx (or 401/408/429) is request-service unavailable, like a refused connection: the timer holds
                // the task through the outage (never parks it) and fires it again
                .onFailure(WebApplicationException.class).transform(e -> new ProcessingException(
                        "request-service is unavailable: " + e.getMessage(), e));
    }

    static boolean isRefusal(Throwable failure) {
        return failure instanceof WebApplicationException web && web.getResponse().getStatus() >= 400
                && web.getResponse().getStatus() < 500 && web.getResponse().getStatus() != 401
                && web.getResponse().getStatus() != 408 && web.getResponse().getStatus() != 429;
    }

    private String reason(WebApplicationException refusal) {
        try {
            String body = refusal.getResponse().readEntity(String.class);
            String message = mapper.readTree(body).path("error").path("message").asText(null);
            if (message != null) {
                return message;
            }
        } catch (RuntimeException | com.fasterxml.jackson.core.JsonProcessingException e) {
            LOG.debugf("request-service's refusal had no Graph error body: %s", e.toString());
        }
        return "request-service refused the request (HTTP " + refusal.getResponse().getStatus() + ").";
    }
}
