package dev.tessera.provisioning.user;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tessera.platform.graph.GraphException;
import org.junit.jupiter.api.Test;

class UserRulesTest {

    @Test
    void mailNicknamesFollowGraphsCharacterRules() {
        assertDoesNotThrow(() -> UserRules.validateCreate(body("AdeleV", "adelev@contoso.com")));
        assertDoesNotThrow(() -> UserRules.validateCreate(body("first.last-1_x", "a@b")));
        for (String bad : new String[] {"has space", "at@sign", "semi;colon", "brack[et", "quote\"", "é"}) {
            GraphException e = assertThrows(GraphException.class, () -> UserRules.validateCreate(body(bad, "a@b")));
            assertEquals("mailNickname", e.target());
        }
    }

    @Test
    void patchMayClearOptionalPropertiesButNotRequiredOnes() {
        UserBody clearJob = new UserBody();
        clearJob.setJobTitle(null);
        assertDoesNotThrow(() -> UserRules.validatePatch(clearJob));
        UserBody clearUpn = new UserBody();
        clearUpn.setUserPrincipalName(" ");
        assertEquals("userPrincipalName",
                assertThrows(GraphException.class, () -> UserRules.validatePatch(clearUpn)).target());
    }

    @Test
    void aNewUserIsAMemberUnlessToldOtherwise() {
        DirectoryUser user = new DirectoryUser();
        UserRules.apply(body("nick", "nick@contoso.com"), user);
        assertEquals(UserType.Member, user.userType);
    }

    static UserBody body(String nickname, String upn) {
        UserBody body = new UserBody();
        body.setDisplayName("Someone");
        body.setMailNickname(nickname);
        body.setUserPrincipalName(upn);
        return body;
    }
}
