package dev.tessera.provisioning.user;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Guests are named as Entra names them, within the directory's 64-character mailNickname. */
class GuestNicknameTest {

    @Test
    void anEmailBecomesLocalUnderscoreDomainHashExt() {
        assertEquals("jen_foo.com#EXT#", GuestInvitations.nickname("Jen@Foo.com"));
        assertEquals("o_brien_x.org#EXT#", GuestInvitations.nickname("o\"brien@x.org"));
    }

    @Test
    void longEmailsAreCutToSixtyFourCharactersAndStayDistinct() {
        String base = "a".repeat(70);
        String one = GuestInvitations.nickname(base + "1@foo.com");
        String two = GuestInvitations.nickname(base + "2@foo.com");
        assertEquals(64, one.length());
        assertTrue(one.endsWith("#EXT#"), one);
        assertNotEquals(one, two);
    }
}
