package dev.tessera.request.policy;

import dev.tessera.platform.em.PolicyEvaluator;
import dev.tessera.platform.em.PolicyView;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tessera.platform.graph.GraphException;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PolicyEvaluatorTest {

    static final ObjectMapper MAPPER = new ObjectMapper();
    static final UUID ALICE = UUID.fromString("11111111-1111-1111-1111-111111111111");
    static final UUID BOB = UUID.fromString("22222222-2222-2222-2222-222222222222");
    static final String GROUP = "33333333-3333-3333-3333-333333333333";

    static PolicyView policy(String json) throws Exception {
        return new PolicyView(MAPPER.readTree(json));
    }

    static PolicyView specificUsers(String targets, boolean selfAdd, boolean justification) throws Exception {
        return policy("""
                {"id":"44444444-4444-4444-4444-444444444444","displayName":"Specific users",
                 "allowedTargetScope":"SpecificDirectoryUsers","specificAllowedTargets":%s,
                 "requestorSettings":{"enableTargetsToSelfAddAccess":%s},
                 "requestApprovalSettings":{"isRequestorJustificationRequired":"%s"},
                 "expiration":{"type":"afterDuration","duration":"P30D"}}
                """.formatted(targets, selfAdd, justification));
    }

    @Test
    void singleUserTargetAdmitsThatUserOnly() throws Exception {
        PolicyView policy = specificUsers("[{\"@odata.type\":\"#microsoft.graph.singleUser\",\"userId\":\"" + ALICE + "\"}]",
                true, false);
        assertDoesNotThrow(() -> PolicyEvaluator.checkSelfAdd(policy, ALICE, "Member", Set.of(), Set.of(), null));
        GraphException refused = assertThrows(GraphException.class,
                () -> PolicyEvaluator.checkSelfAdd(policy, BOB, "Member", Set.of(), Set.of(), null));
        assertEquals(403, refused.status());
        assertTrue(refused.getMessage().contains("not in the scope"));
    }

    @Test
    void groupMembersTargetAdmitsMembersOfThatGroup() throws Exception {
        PolicyView policy = specificUsers("[{\"@odata.type\":\"microsoft.graph.groupMembers\",\"groupId\":\"" + GROUP + "\"}]",
                true, false);
        assertTrue(PolicyEvaluator.needsGroupMemberships(policy));
        assertDoesNotThrow(() -> PolicyEvaluator.checkSelfAdd(policy, BOB, "Member", Set.of(GROUP), Set.of(), null));
        assertThrows(GraphException.class, () -> PolicyEvaluator.checkSelfAdd(policy, BOB, "Member", Set.of(), Set.of(), null));
    }

    @Test
    void selfAddDisabledIsRefusedEvenForTargetsInScope() throws Exception {
        PolicyView policy = specificUsers("[{\"@odata.type\":\"#microsoft.graph.singleUser\",\"userId\":\"" + ALICE + "\"}]",
                false, false);
        GraphException refused = assertThrows(GraphException.class,
                () -> PolicyEvaluator.checkSelfAdd(policy, ALICE, "Member", Set.of(), Set.of(), null));
        assertTrue(refused.getMessage().contains("does not allow requestors"));
    }

    @Test
    void requiredJustificationMustBePresent() throws Exception {
        PolicyView policy = specificUsers("[{\"@odata.type\":\"#microsoft.graph.singleUser\",\"userId\":\"" + ALICE + "\"}]",
                true, true);
        GraphException refused = assertThrows(GraphException.class,
                () -> PolicyEvaluator.checkSelfAdd(policy, ALICE, "Member", Set.of(), Set.of(), "  "));
        assertEquals("justification", refused.target());
        assertDoesNotThrow(() -> PolicyEvaluator.checkSelfAdd(policy, ALICE, "Member", Set.of(), Set.of(), "campaign work"));
    }

    @Test
    void allMemberUsersExcludesGuests() throws Exception {
        PolicyView policy = policy("""
                {"id":"44444444-4444-4444-4444-444444444444","displayName":"Members",
                 "allowedTargetScope":"allMemberUsers","requestorSettings":{"enableTargetsToSelfAddAccess":true}}
                """);
        assertDoesNotThrow(() -> PolicyEvaluator.checkSelfAdd(policy, ALICE, "Member", Set.of(), Set.of(), null));
        assertThrows(GraphException.class, () -> PolicyEvaluator.checkSelfAdd(policy, ALICE, "Guest", Set.of(), Set.of(), null));
    }

    @Test
    void notSpecifiedScopeMeansAdminAssignmentOnly() throws Exception {
        PolicyView policy = policy("""
                {"id":"44444444-4444-4444-4444-444444444444","displayName":"Direct",
                 "allowedTargetScope":"notSpecified","requestorSettings":{"enableTargetsToSelfAddAccess":true}}
                """);
        assertThrows(GraphException.class, () -> PolicyEvaluator.checkSelfAdd(policy, ALICE, "Member", Set.of(), Set.of(), null));
    }
}
