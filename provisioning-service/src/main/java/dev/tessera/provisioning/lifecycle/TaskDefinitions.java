package dev.tessera.provisioning.lifecycle;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The built-in task definitions Tessera runs, with Microsoft's ids and parameters ("Configure the
 * arguments for built-in Lifecycle Workflow tasks"). Tasks that send mail, touch Teams, licenses or
 * Temporary Access Passes are not offered: Tessera has none of those.
 */
public final class TaskDefinitions {

    public static final String ADD_TO_GROUPS = "22085229-5809-45e8-97fd-270d28d66910";
    public static final String REMOVE_FROM_GROUPS = "1953a66c-751c-45e5-8bfe-01462c70da3c";
    public static final String REMOVE_FROM_ALL_GROUPS = "b3a31406-2a15-4c9a-b25b-a658fa5f07fc";
    public static final String ENABLE_ACCOUNT = "6fc52c9d-398b-4305-9763-15f42c1676fc";
    public static final String DISABLE_ACCOUNT = "1dfdfcc7-52fa-4c2e-bf3a-e3919cc12950";
    public static final String REQUEST_PACKAGE = "c1ec1e76-f374-4375-aaa6-0bb6bd4c60be";
    public static final String REMOVE_PACKAGE = "4a0b64f2-c7ec-46ba-b117-18f262946c50";
    public static final String REMOVE_ALL_PACKAGES = "42ae2956-193d-4f39-be06-691b8ac4fa1d";

    /** Graph's parameter: a name, its allowed values (empty: any) and its type. */
    public record Parameter(String name, List<String> values, String valueType) {
    }

    /** microsoft.graph.identityGovernance.taskDefinition. {@code required}: parameters a task must give. */
    public record Definition(String id, String category, boolean continueOnError, String description,
            String displayName, int version, List<Parameter> parameters, List<String> required) {
    }

    private static final Parameter GROUP_ID = new Parameter("groupID", List.of(), "string");

    public static final List<Definition> ALL = List.of(
            new Definition(ADD_TO_GROUPS, "joiner,leaver,mover", false, "Add user to selected groups",
                    "Add user to groups", 1, List.of(GROUP_ID), List.of("groupID")),
            new Definition(REMOVE_FROM_GROUPS, "joiner,leaver,mover", false, "Remove user from membership of selected groups",
                    "Remove user from selected groups", 1, List.of(GROUP_ID), List.of("groupID")),
            new Definition(REMOVE_FROM_ALL_GROUPS, "leaver,mover", false, "Remove user from all group memberships",
                    "Remove user from all groups", 1, List.of(), List.of()),
            new Definition(ENABLE_ACCOUNT, "joiner,leaver", false, "Enable user account in the directory",
                    "Enable User Account", 1, List.of(new Parameter("enableOnPremisesAccount", List.of("true", "false"),
                            "string")), List.of()),
            new Definition(DISABLE_ACCOUNT, "joiner,leaver,mover", false, "Disable user account in the directory",
                    "Disable User Account", 1, List.of(new Parameter("disableOnPremisesAccount", List.of("true", "false"),
                            "string")), List.of()),
            new Definition(REQUEST_PACKAGE, "joiner,leaver,mover", false, "Request user assignment to selected access package",
                    "Request user access package assignment", 1, List.of(
                            new Parameter("assignmentPolicyId", List.of(), "string"),
                            new Parameter("accessPackageId", List.of(), "string")), List.of("assignmentPolicyId", "accessPackageId")),
            new Definition(REMOVE_PACKAGE, "leaver,mover", false, "Remove user assignment of selected access package",
                    "Remove access package assignment for user", 1,
                    List.of(new Parameter("accessPackageId", List.of(), "string")), List.of("assignmentPolicyId", "accessPackageId")),
            new Definition(REMOVE_ALL_PACKAGES, "leaver", false, "Remove all access packages assigned to the user",
                    "Remove all access package assignments for user", 1, List.of(), List.of()));

    private TaskDefinitions() {
    }

    public static Optional<Definition> find(String id) {
        if (id == null) {
            return Optional.empty();
        }
        String wanted = id.toLowerCase(Locale.ROOT);
        return ALL.stream().filter(d -> d.id().equals(wanted)).findFirst();
    }
}
