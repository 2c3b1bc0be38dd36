package dev.tessera.pim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.tessera.testsupport.GraphPathCoverage;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every operation pim-service serves is covered by the one permission table (GraphPermissions): a
 * Graph path without a family would be denied to everyone, so a new endpoint needs its row first.
 */
class GraphPathsCoveredTest {

    @Test
    void everyPathThisServiceServesHasAPermissionFamily() {
        List<GraphPathCoverage.Operation> operations = GraphPathCoverage.operations();
        assertFalse(operations.isEmpty(), "the service's resources were found");
        assertEquals(List.of(), GraphPathCoverage.uncovered(operations));
    }
}
