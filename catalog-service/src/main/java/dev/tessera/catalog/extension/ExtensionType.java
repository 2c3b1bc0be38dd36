package dev.tessera.catalog.extension;

import dev.tessera.platform.graph.GraphException;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * The two Graph custom workflow extension types and the policy stages each may run at: request
 * extensions at the request stages, assignment extensions before an assignment expires.
 */
public enum ExtensionType {
    ACCESS_PACKAGE_ASSIGNMENT_REQUEST_WORKFLOW_EXTENSION("accessPackageAssignmentRequestWorkflowExtension",
            EnumSet.of(Stage.assignmentRequestCreated, Stage.assignmentRequestApproved,
                    Stage.assignmentRequestGranted, Stage.assignmentRequestRemoved)),
    ACCESS_PACKAGE_ASSIGNMENT_WORKFLOW_EXTENSION("accessPackageAssignmentWorkflowExtension",
            EnumSet.of(Stage.assignmentFourteenDaysBeforeExpiration, Stage.assignmentOneDayBeforeExpiration));

    /** Graph accessPackageCustomExtensionStage. */
    public enum Stage {
        assignmentRequestCreated, assignmentRequestApproved, assignmentRequestGranted, assignmentRequestRemoved,
        assignmentFourteenDaysBeforeExpiration, assignmentOneDayBeforeExpiration;

        public static Stage parse(String value, String field) {
            if (value != null) {
                for (Stage s : values()) {
                    if (s.name().equalsIgnoreCase(value)) {
                        return s;
                    }
                }
            }
            throw GraphException.invalidField(field, "Property '" + field + "' must be one of "
                    + java.util.Arrays.toString(values()) + ".");
        }
    }

    private final String graphName;
    private final Set<Stage> stages;

    ExtensionType(String graphName, Set<Stage> stages) {
        this.graphName = graphName;
        this.stages = stages;
    }

    public String odataType() {
        return "#microsoft.graph." + graphName;
    }

    public boolean runsAt(Stage stage) {
        return stages.contains(stage);
    }

    /** From {@code @odata.type}, with or without {@code #} and namespace, in any case. */
    public static ExtensionType parse(String odataType) {
        if (odataType == null) {
            throw GraphException.invalidField("@odata.type", "Property '@odata.type' is required: "
                    + "#microsoft.graph.accessPackageAssignmentRequestWorkflowExtension or "
                    + "#microsoft.graph.accessPackageAssignmentWorkflowExtension.");
        }
        String name = odataType.startsWith("#") ? odataType.substring(1) : odataType;
        name = name.toLowerCase(Locale.ROOT).replace("microsoft.graph.", "");
        for (ExtensionType t : values()) {
            if (t.graphName.toLowerCase(Locale.ROOT).equals(name)) {
                return t;
            }
        }
        throw GraphException.invalidField("@odata.type", "'" + odataType
                + "' is not a custom workflow extension type of an access package catalog.");
    }
}
