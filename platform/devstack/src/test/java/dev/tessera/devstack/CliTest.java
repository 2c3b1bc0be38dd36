package dev.tessera.devstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class CliTest {

    @Test
    void tokenTakesAUserRolesMfaAndLifetime() {
        Cli cli = Cli.parse(new String[] {"token", "--user", "00000000-0000-0000-0000-0000000000a1", "--role",
                "Identity Governance Administrator", "--role", "Privileged Role Administrator", "--mfa", "--ttl", "PT1H"});
        assertEquals("token", cli.command());
        assertEquals(List.of("Identity Governance Administrator", "Privileged Role Administrator"), cli.roles());
        assertTrue(cli.mfa());
        assertEquals(Duration.ofHours(1), cli.ttl());
    }

    @Test
    void tokenEmailPutsTheAddressInTheEmailClaim(@org.junit.jupiter.api.io.TempDir java.nio.file.Path data)
            throws Exception {
        Cli cli = Cli.parse(new String[] {"token", "--user", "00000000-0000-0000-0000-0000000000b7", "--email",
                "jen@bar.com"});
        assertEquals("jen@bar.com", cli.email());
        String token = Main.token(cli, data);
        String payload = new String(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1]),
                java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(payload.contains("\"email\":\"jen@bar.com\""), payload);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Cli.parse(new String[] {"token", "--user",
                "00000000-0000-0000-0000-0000000000b7", "--email", "jen"})).getMessage().contains("--email"));
        assertThrows(IllegalArgumentException.class,
                () -> Cli.parse(new String[] {"token", "--service", "--email", "jen@bar.com"}));
    }

    @Test
    void tokenServiceTakesOnlyALifetime() {
        Cli cli = Cli.parse(new String[] {"token", "--service", "--ttl", "P90D"});
        assertTrue(cli.service());
        assertEquals(Duration.ofDays(90), cli.ttl());
        IllegalArgumentException withUser = assertThrows(IllegalArgumentException.class,
                () -> Cli.parse(new String[] {"token", "--service", "--user", "00000000-0000-0000-0000-0000000000a1"}));
        assertTrue(withUser.getMessage().contains("--service"), withUser.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Cli.parse(new String[] {"token", "--service", "--mfa"}));
    }

    @Test
    void tokenScpSetsTheDelegatedScopesElseEveryReadWriteScope(@org.junit.jupiter.api.io.TempDir java.nio.file.Path data) {
        String user = "00000000-0000-0000-0000-0000000000a1";
        Cli narrow = Cli.parse(new String[] {"token", "--user", user, "--scp", "User.Read EntitlementManagement.Read.All"});
        assertEquals("User.Read EntitlementManagement.Read.All", narrow.scopes());
        assertTrue(payload(Main.token(narrow, data)).contains("\"scp\":\"User.Read EntitlementManagement.Read.All\""));
        String wide = payload(Main.token(Cli.parse(new String[] {"token", "--user", user}), data));
        assertTrue(wide.contains("\"scp\":\"" + String.join(" ", dev.tessera.infra.TokenMinter.DEFAULT_SCOPES) + "\""), wide);
        assertTrue(wide.contains("\"aud\":\"api://tessera\""), wide);
    }

    @Test
    void tokenAppMintsAnAppOnlyTokenWhoseRolesAreApplicationPermissions(@org.junit.jupiter.api.io.TempDir java.nio.file.Path data) {
        Cli cli = Cli.parse(new String[] {"token", "--app", "--role", "EntitlementManagement.ReadWrite.All", "--role",
                "Directory.Read.All"});
        assertTrue(cli.app());
        String claims = payload(Main.token(cli, data));
        assertTrue(claims.contains("\"roles\":[\"EntitlementManagement.ReadWrite.All\",\"Directory.Read.All\"]"), claims);
        assertTrue(claims.contains("\"idtyp\":\"app\""), claims);
        assertTrue(!claims.contains("\"scp\""), claims);
        assertThrows(IllegalArgumentException.class, () -> Cli.parse(new String[] {"token", "--app"}));
        assertThrows(IllegalArgumentException.class,
                () -> Cli.parse(new String[] {"token", "--app", "--role", "Directory.Read.All", "--scp", "User.Read"}));
        assertThrows(IllegalArgumentException.class,
                () -> Cli.parse(new String[] {"token", "--service", "--app", "--role", "Directory.Read.All"}));
        assertTrue(Cli.USAGE.contains("--scp") && Cli.USAGE.contains("--app"));
    }

    static String payload(String token) {
        return new String(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1]),
                java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void redriveTakesADeadLetterTopicAndOptionallyABroker() {
        Cli local = Cli.parse(new String[] {"redrive", "tessera.assignment.events.dlq"});
        assertEquals("tessera.assignment.events.dlq", local.topic());
        assertEquals("localhost:19092", local.bootstrap());
        assertEquals("kafka:9092", Cli.parse(new String[] {"redrive", "tessera.pim.events.dlq", "--bootstrap", "kafka:9092"})
                .bootstrap());
        assertEquals(null, local.commandConfig());
        assertTrue(Cli.parse(new String[] {"redrive", "tessera.pim.events.dlq", "--command-config", "client.properties"})
                .commandConfig().endsWith("client.properties"));
        assertThrows(IllegalArgumentException.class, () -> Cli.parse(new String[] {"redrive", "x.dlq", "--command-config"}));
        assertThrows(IllegalArgumentException.class, () -> Cli.parse(new String[] {"redrive"}));
        IllegalArgumentException notADlq = assertThrows(IllegalArgumentException.class,
                () -> Cli.parse(new String[] {"redrive", "tessera.assignment.events"}));
        assertTrue(notADlq.getMessage().contains("dead-letter topic"));
    }

    @Test
    void upTakesWipe() {
        Cli cli = Cli.parse(new String[] {"up", "--wipe"});
        assertEquals("up", cli.command());
        assertTrue(cli.wipe());
    }

    @Test
    void upAndDrillTakeReplicasAndTheDrillItsLoad() {
        assertEquals(1, Cli.parse(new String[] {"up"}).replicas());
        assertEquals(3, Cli.parse(new String[] {"up", "--replicas", "3"}).replicas());
        Cli drill = Cli.parse(new String[] {"drill"});
        assertEquals("drill", drill.command());
        assertEquals(2, drill.replicas());
        assertEquals(1000, drill.requests());
        assertEquals(8, drill.workers());
        Cli custom = Cli.parse(new String[] {"drill", "--replicas", "1", "--requests", "5000", "--workers", "16"});
        assertEquals(1, custom.replicas());
        assertEquals(5000, custom.requests());
        assertEquals(16, custom.workers());
        assertThrows(IllegalArgumentException.class, () -> Cli.parse(new String[] {"up", "--replicas", "0"}));
        assertThrows(IllegalArgumentException.class, () -> Cli.parse(new String[] {"up", "--replicas", "two"}));
        assertThrows(IllegalArgumentException.class, () -> Cli.parse(new String[] {"status", "--replicas", "2"}));
    }

    @Test
    void theScriptPassesTheProjectRootAndNoCommandMeansHelp() {
        Cli cli = Cli.parse(new String[] {"--root", "/work/main", "status"});
        assertEquals("status", cli.command());
        assertEquals(java.nio.file.Path.of("/work/main"), cli.root());
        assertEquals("help", Cli.parse(new String[] {"--root", "/work/main"}).command());
        assertEquals(Duration.ofHours(8), Cli.parse(new String[] {"token", "--user", "u"}).ttl());
    }

    @Test
    void mistakesAreExplained() {
        assertThrows(IllegalArgumentException.class, () -> Cli.parse(new String[] {"start"}));
        assertThrows(IllegalArgumentException.class, () -> Cli.parse(new String[] {"up", "down"}));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Cli.parse(new String[] {"token"}))
                .getMessage().contains("--user"));
        assertThrows(IllegalArgumentException.class, () -> Cli.parse(new String[] {"up", "--bogus"}));
        assertThrows(IllegalArgumentException.class, () -> Cli.parse(new String[] {"token", "--user"}));
        assertThrows(IllegalArgumentException.class, () -> Cli.parse(new String[] {"token", "--user", "x", "--ttl", "1h"}));
    }
}
