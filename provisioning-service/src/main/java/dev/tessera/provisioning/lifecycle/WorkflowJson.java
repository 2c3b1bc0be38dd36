package dev.tessera.provisioning.lifecycle;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;

/** Workflows, versions, runs and processing results as Graph writes them. */
final class WorkflowJson {

    private WorkflowJson() {
    }

    static ObjectNode workflow(ObjectMapper mapper, Workflow w) {
        ObjectNode node = mapper.createObjectNode();
        node.put("category", w.category);
        node.put("description", w.description);
        node.put("displayName", w.displayName);
        node.put("lastModifiedDateTime", text(w.lastModifiedDateTime));
        node.put("createdDateTime", text(w.createdDateTime));
        node.putNull("deletedDateTime");
        node.put("id", w.id.toString());
        node.put("isEnabled", w.isEnabled);
        node.put("isSchedulingEnabled", w.isSchedulingEnabled);
        node.putNull("nextScheduleRunDateTime");
        node.put("version", w.version);
        node.set("executionConditions", read(mapper, w.executionConditions));
        node.set("tasks", read(mapper, w.tasks));
        return node;
    }

    static ObjectNode version(ObjectMapper mapper, WorkflowVersion v) {
        ObjectNode node = mapper.createObjectNode();
        node.put("category", v.category);
        node.put("description", v.description);
        node.put("displayName", v.displayName);
        node.put("createdDateTime", text(v.createdDateTime));
        node.put("lastModifiedDateTime", text(v.createdDateTime));
        node.put("versionNumber", v.versionNumber);
        node.set("executionConditions", read(mapper, v.executionConditions));
        node.set("tasks", read(mapper, v.tasks));
        return node;
    }

    static ObjectNode taskDefinition(ObjectMapper mapper, TaskDefinitions.Definition d) {
        ObjectNode node = mapper.createObjectNode();
        node.put("category", d.category());
        node.put("continueOnError", d.continueOnError());
        node.put("description", d.description());
        node.put("displayName", d.displayName());
        node.put("id", d.id());
        node.put("version", d.version());
        ArrayNode parameters = node.putArray("parameters");
        for (TaskDefinitions.Parameter p : d.parameters()) {
            ObjectNode parameter = parameters.addObject().put("name", p.name()).put("valueType", p.valueType());
            ArrayNode values = parameter.putArray("values");
            p.values().forEach(values::add);
        }
        return node;
    }

    /** A run; its counts and status from its users' results and their tasks. */
    static ObjectNode run(ObjectMapper mapper, WorkflowRun run, List<UserResult> users, List<TaskResult> tasks) {
        ObjectNode node = mapper.createObjectNode();
        node.put("id", run.id.toString());
        node.put("workflowExecutionType", run.workflowExecutionType);
        node.put("scheduledDateTime", text(run.scheduledDateTime));
        Instant started = users.stream().map(u -> u.startedDateTime).filter(t -> t != null).min(Instant::compareTo).orElse(null);
        boolean done = !users.isEmpty() && users.stream().allMatch(u -> isFinal(u.processingStatus));
        Instant completed = done ? users.stream().map(u -> u.completedDateTime).filter(t -> t != null)
                .max(Instant::compareTo).orElse(null) : null;
        node.put("startedDateTime", text(started));
        node.put("completedDateTime", text(completed));
        node.put("lastUpdatedDateTime", text(completed != null ? completed : started != null ? started : run.lastUpdatedDateTime));
        long failedUsers = users.stream().filter(u -> "failed".equals(u.processingStatus)).count();
        node.put("processingStatus", runStatus(users));
        node.put("totalUsersCount", users.size());
        node.put("successfulUsersCount", users.stream().filter(u -> "completed".equals(u.processingStatus)).count());
        node.put("failedUsersCount", failedUsers);
        node.put("totalUnprocessedTasksCount", tasks.stream().filter(t -> !isFinal(t.processingStatus)).count());
        node.put("failedTasksCount", tasks.stream().filter(t -> "failed".equals(t.processingStatus)).count());
        node.put("totalTasksCount", tasks.size());
        return node;
    }

    static String runStatus(List<UserResult> users) {
        if (users.isEmpty() || users.stream().allMatch(u -> "queued".equals(u.processingStatus))) {
            return "queued";
        }
        if (!users.stream().allMatch(u -> isFinal(u.processingStatus))) {
            return "inProgress";
        }
        long failed = users.stream().filter(u -> "failed".equals(u.processingStatus)).count();
        return failed == 0 ? "completed" : failed == users.size() ? "failed" : "completedWithErrors";
    }

    static ObjectNode userResult(ObjectMapper mapper, UserResult u, List<TaskResult> tasks) {
        ObjectNode node = mapper.createObjectNode();
        node.put("id", u.id.toString());
        node.put("processingStatus", u.processingStatus);
        node.put("scheduledDateTime", text(u.scheduledDateTime));
        node.put("startedDateTime", text(u.startedDateTime));
        node.put("completedDateTime", text(u.completedDateTime));
        node.put("workflowExecutionType", u.workflowExecutionType);
        node.put("workflowVersion", u.workflowVersion);
        node.put("totalTasksCount", tasks.size());
        node.put("totalUnprocessedTasksCount", tasks.stream().filter(t -> !isFinal(t.processingStatus)).count());
        node.put("failedTasksCount", tasks.stream().filter(t -> "failed".equals(t.processingStatus)).count());
        node.putObject("subject").put("id", u.subjectId.toString());
        return node;
    }

    static ObjectNode taskResult(ObjectMapper mapper, TaskResult t, UserResult u) {
        ObjectNode node = mapper.createObjectNode();
        node.put("id", t.id.toString());
        node.put("processingStatus", t.processingStatus);
        node.put("failureReason", t.failureReason);
        node.put("createdDateTime", text(t.createdDateTime));
        node.put("startedDateTime", text(t.startedDateTime));
        node.put("completedDateTime", text(t.completedDateTime));
        node.putObject("subject").put("id", u.subjectId.toString());
        node.set("task", read(mapper, t.task));
        // Tessera's addition: the access-package assignment requests the task created
        ArrayNode requests = node.putArray("accessPackageAssignmentRequestIds");
        if (t.requestIds != null && !t.requestIds.isBlank()) {
            for (String id : t.requestIds.split(",")) {
                requests.add(id);
            }
        }
        return node;
    }

    static boolean isFinal(String status) {
        return "completed".equals(status) || "failed".equals(status) || "canceled".equals(status)
                || "completedWithErrors".equals(status);
    }

    static JsonNode read(ObjectMapper mapper, String json) {
        try {
            return mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored workflow JSON is not JSON", e);
        }
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
