package dev.tessera.platform.graph.beta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class BetaExpandFilterTest {

    static final List<String> ALWAYS = List.of("accessPackage", "assignmentPolicy", "target");

    @Test
    void addsTheExpandWhenThereIsNone() {
        assertEquals("%24expand=accessPackage%2CassignmentPolicy%2Ctarget",
                BetaExpandFilter.withExpand(null, ALWAYS, new java.util.ArrayList<>()));
        assertEquals("%24filter=x&%24expand=accessPackage%2CassignmentPolicy%2Ctarget",
                BetaExpandFilter.withExpand("%24filter=x", ALWAYS, new java.util.ArrayList<>()));
    }

    @Test
    void keepsTheCallersItemsWithTheirOptionsAndAddsOnlyTheMissingOnes() {
        List<String> added = new java.util.ArrayList<>();
        assertEquals("%24top=1&%24expand=target%28%24select%3Did%29%2CaccessPackage%2CassignmentPolicy",
                BetaExpandFilter.withExpand("%24expand=target(%24select%3Did)&%24top=1", ALWAYS, added));
        assertEquals(List.of("accessPackage", "assignmentPolicy"), added);
        assertEquals("expand=TARGET%2CaccessPackage%2CassignmentPolicy",
                BetaExpandFilter.withExpand("expand=TARGET", ALWAYS, new java.util.ArrayList<>()));
    }

    @Test
    void onlyTheSetOrOneOfItsEntities() {
        String root = "/v1.0/identityGovernance/entitlementManagement/";
        assertTrue(BetaExpandFilter.addressesTheSet(root + "assignments", "assignments"));
        assertTrue(BetaExpandFilter.addressesTheSet(root + "assignments/a1", "assignments"));
        assertTrue(BetaExpandFilter.addressesTheSet(root + "assignments/filterByCurrentUser(on='target')", "assignments"));
        assertFalse(BetaExpandFilter.addressesTheSet(root + "assignments/a1/target", "assignments"));
    }
}
