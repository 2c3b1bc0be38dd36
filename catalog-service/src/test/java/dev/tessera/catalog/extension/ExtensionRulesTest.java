package dev.tessera.catalog.extension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tessera.platform.graph.GraphException;
import org.junit.jupiter.api.Test;

class ExtensionRulesTest {

    @Test
    void httpsAnywhereAndHttpOnlyToALoopbackAddress() {
        ExtensionRules.url("https://hooks.example.com/run?sig=1");
        ExtensionRules.url("http://127.0.0.1:8080/hook");
        ExtensionRules.url("http://localhost:8080/hook");
        ExtensionRules.url("http://[::1]:8080/hook");
        for (String refused : new String[] {"http://hooks.example.com/x", "http://127.0.0.1.nip.io/x",
                "http://10.0.0.1/x", "ftp://hooks.example.com/x", "https://user:pw@hooks.example.com/x",
                "hooks.example.com/x", "javascript:alert(1)", ""}) {
            GraphException e = assertThrows(GraphException.class, () -> ExtensionRules.url(refused), refused);
            assertEquals(400, e.status());
        }
    }

    @Test
    void stagesFollowTheExtensionType() {
        ExtensionType request = ExtensionType.parse("#microsoft.graph.accessPackageAssignmentRequestWorkflowExtension");
        ExtensionType assignment = ExtensionType.parse("microsoft.graph.AccessPackageAssignmentWorkflowExtension");
        assertEquals(true, request.runsAt(ExtensionType.Stage.assignmentRequestApproved));
        assertEquals(false, request.runsAt(ExtensionType.Stage.assignmentOneDayBeforeExpiration));
        assertEquals(true, assignment.runsAt(ExtensionType.Stage.assignmentFourteenDaysBeforeExpiration));
        assertEquals(false, assignment.runsAt(ExtensionType.Stage.assignmentRequestCreated));
        assertEquals(ExtensionType.Stage.assignmentRequestGranted,
                ExtensionType.Stage.parse("AssignmentRequestGranted", "stage"));
        assertThrows(GraphException.class, () -> ExtensionType.Stage.parse("whenever", "stage"));
        assertThrows(GraphException.class, () -> ExtensionType.parse("#microsoft.graph.customCalloutExtension"));
    }
}
