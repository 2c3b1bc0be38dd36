package dev.tessera.platform.em;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tessera.platform.graph.GraphException;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The requestor scopes for people outside the organization, each against a member and a guest of no
 * organization, of a listed configured organization, of an unlisted one and of a proposed one.
 */
class RequestorScopeTest {

    static final ObjectMapper MAPPER = new ObjectMapper();
    static final UUID REQUESTOR = UUID.fromString("11111111-1111-1111-1111-111111111111");
    static final GuestOrganization LISTED = new GuestOrganization(UUID.randomUUID(), true);
    static final GuestOrganization UNLISTED = new GuestOrganization(UUID.randomUUID(), true);
    static final GuestOrganization PROPOSED = new GuestOrganization(UUID.randomUUID(), false);
    static final GuestOrganization LISTED_PROPOSED = new GuestOrganization(UUID.randomUUID(), false);

    static PolicyView policy(String scope) throws Exception {
        return new PolicyView(MAPPER.readTree("""
                {"id":"44444444-4444-4444-4444-444444444444","displayName":"Partners","allowedTargetScope":"%s",
                 "specificAllowedTargets":[
                   {"@odata.type":"#microsoft.graph.connectedOrganizationMembers","connectedOrganizationId":"%s"},
                   {"@odata.type":"#microsoft.graph.connectedOrganizationMembers","connectedOrganizationId":"%s"}],
                 "requestorSettings":{"enableTargetsToSelfAddAccess":true}}
                """.formatted(scope, LISTED.id(), LISTED_PROPOSED.id().toString().toUpperCase())));
    }

    static boolean admits(PolicyView policy, String userType, GuestOrganization... organizations) {
        return PolicyEvaluator.inRequestorScope(policy, REQUESTOR, userType, Set.of(), Set.of(organizations));
    }

    @Test
    void onlyTheScopesForPeopleOutsideTheOrganizationAdmitExternalRequestors() throws Exception {
        for (String scope : new String[] {"allExternalUsers", "allConfiguredConnectedOrganizationUsers",
                "specificConnectedOrganizationUsers"}) {
            assertTrue(PolicyEvaluator.admitsExternal(policy(scope)), scope);
        }
        for (String scope : new String[] {"allMemberUsers", "allDirectoryUsers", "specificDirectoryUsers",
                "allDirectoryServicePrincipals", "notSpecified"}) {
            assertFalse(PolicyEvaluator.admitsExternal(policy(scope)), scope);
        }
    }

    @Test
    void specificConnectedOrganizationUsersAdmitsGuestsOfTheListedOrganizationsOnly() throws Exception {
        PolicyView policy = policy("specificConnectedOrganizationUsers");
        assertTrue(PolicyEvaluator.needsOrganizations(policy));
        assertAll(
                () -> assertTrue(admits(policy, "Guest", LISTED)),
                // listed by id (compared case-insensitively); its state does not matter here
                () -> assertTrue(admits(policy, "guest", LISTED_PROPOSED)),
                () -> assertFalse(admits(policy, "Guest", UNLISTED)),
                () -> assertFalse(admits(policy, "Guest", PROPOSED)),
                () -> assertFalse(admits(policy, "Guest")),
                () -> assertFalse(admits(policy, "Member", LISTED)),
                () -> assertFalse(admits(policy, null, LISTED)));
    }

    @Test
    void allConfiguredConnectedOrganizationUsersAdmitsGuestsOfAnyConfiguredOrganization() throws Exception {
        PolicyView policy = policy("allConfiguredConnectedOrganizationUsers");
        assertTrue(PolicyEvaluator.needsOrganizations(policy));
        assertAll(
                () -> assertTrue(admits(policy, "Guest", LISTED)),
                () -> assertTrue(admits(policy, "Guest", UNLISTED)),
                () -> assertFalse(admits(policy, "Guest", PROPOSED)),
                () -> assertFalse(admits(policy, "Guest", LISTED_PROPOSED)),
                () -> assertFalse(admits(policy, "Guest")),
                () -> assertFalse(admits(policy, "Member", UNLISTED)));
    }

    @Test
    void allExternalUsersAdmitsAnyGuestAndNoMember() throws Exception {
        PolicyView policy = policy("allExternalUsers");
        assertFalse(PolicyEvaluator.needsOrganizations(policy));
        assertAll(
                () -> assertTrue(admits(policy, "Guest", LISTED)),
                () -> assertTrue(admits(policy, "Guest", PROPOSED)),
                () -> assertTrue(admits(policy, "Guest")),
                () -> assertFalse(admits(policy, "Member", LISTED)),
                () -> assertFalse(admits(policy, "Member")));
    }

    @Test
    void directoryScopesNeedNoOrganizations() throws Exception {
        for (String scope : new String[] {"allMemberUsers", "allDirectoryUsers", "specificDirectoryUsers", "notSpecified"}) {
            assertFalse(PolicyEvaluator.needsOrganizations(policy(scope)), scope);
        }
        // a guest's organization does not put them into a member scope
        assertFalse(admits(policy("allMemberUsers"), "Guest", LISTED));
        assertTrue(admits(policy("allDirectoryUsers"), "Guest"));
    }

    @Test
    void aSelfAddOutsideTheScopeIsForbiddenSayingWhatIsMissing() throws Exception {
        PolicyView specific = policy("specificConnectedOrganizationUsers");
        PolicyView configured = policy("allConfiguredConnectedOrganizationUsers");
        assertDoesNotThrow(() -> PolicyEvaluator.checkSelfAdd(specific, REQUESTOR, "Guest", Set.of(), Set.of(LISTED), null));
        assertAll(
                () -> assertRefused(specific, "Guest", Set.of(UNLISTED), "not one the policy names"),
                () -> assertRefused(specific, "Guest", Set.of(), "belongs to no connected organization"),
                () -> assertRefused(specific, "Member", Set.of(LISTED), "not members"),
                () -> assertRefused(configured, "Guest", Set.of(PROPOSED), "not configured"));
    }

    static void assertRefused(PolicyView policy, String userType, Set<GuestOrganization> organizations, String why) {
        GraphException refused = assertThrows(GraphException.class,
                () -> PolicyEvaluator.checkSelfAdd(policy, REQUESTOR, userType, Set.of(), organizations, null));
        assertEquals(403, refused.status());
        assertTrue(refused.getMessage().contains("not in the scope of policy 'Partners'"), refused.getMessage());
        assertTrue(refused.getMessage().contains(policy.json().path("allowedTargetScope").asText()), refused.getMessage());
        assertTrue(refused.getMessage().contains(why), refused.getMessage());
    }
}
