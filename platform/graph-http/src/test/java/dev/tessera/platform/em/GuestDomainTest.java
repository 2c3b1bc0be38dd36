package dev.tessera.platform.em;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class GuestDomainTest {

    @Test
    void theMailsDomainComesFirst() {
        assertEquals(Optional.of("foo.com"), GuestDomain.of("Jen@Foo.COM", "jen_bar.com#EXT#@tessera.onmicrosoft.com"));
    }

    @Test
    void withoutAMailTheInvitedGuestsPrincipalNameGivesTheOriginalDomain() {
        assertEquals(Optional.of("foo.com"), GuestDomain.of(null, "jen_Foo.com#EXT#@tessera.onmicrosoft.com"));
        assertEquals(Optional.of("x.org"), GuestDomain.of(" ", "o_brien_x.org#ext#@tessera.onmicrosoft.com"));
    }

    @Test
    void aPrincipalNameOfTheTenantNamesNoGuestDomain() {
        assertEquals(Optional.empty(), GuestDomain.of(null, "alice@contoso.onmicrosoft.com"));
        assertEquals(Optional.empty(), GuestDomain.of(null, null));
        assertEquals(Optional.empty(), GuestDomain.of("not-an-address", null));
    }
}
