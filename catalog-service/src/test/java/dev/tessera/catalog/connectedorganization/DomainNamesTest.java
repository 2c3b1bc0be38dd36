package dev.tessera.catalog.connectedorganization;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class DomainNamesTest {

    @Test
    void domainsAreLowerCasedWithoutTheFinalDot() {
        assertEquals(Optional.of("contoso.com"), DomainNames.canonical(" Contoso.COM. "));
        assertEquals(Optional.of("a-b.c1.example"), DomainNames.canonical("a-b.c1.example"));
        assertEquals(Optional.of("xn--bcher-kva.example"), DomainNames.canonical("Bücher.example"));
    }

    @Test
    void thingsThatAreNotDnsNamesAreRefused() {
        for (String bad : new String[] {null, "", "com", "contoso..com", ".contoso.com", "-a.com", "a-.com", "a_b.com",
                "a b.com", "192.168.0.1", "contoso.com/path", "user@contoso.com", "x".repeat(64) + ".com",
                ("abcdefghi." + "x").repeat(25) + ".com"}) {
            assertEquals(Optional.empty(), DomainNames.canonical(bad), String.valueOf(bad));
        }
    }
}
