package dev.tessera.devstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The command line of a service JVM, without starting one. */
class ServiceProcessTest {

    final Map<String, String> properties = new LinkedHashMap<>(Map.of("quarkus.http.port", "8084"));
    final ServiceProcess service = new ServiceProcess("pim-service", Path.of("pim.jar"), 8084, properties,
            Path.of("pim.log"), Path.of("pim.pid"));

    @Test
    void extraPropertiesAreAddedAndOverrideForOneStartOnly() {
        List<String> command = service.command(Map.of("tessera.clock.offset", "PT2H", "quarkus.http.port", "9999"));
        assertTrue(command.contains("-Dtessera.clock.offset=PT2H"), command.toString());
        assertTrue(command.contains("-Dquarkus.http.port=9999"), command.toString());
        assertEquals(1, command.stream().filter(arg -> arg.startsWith("-Dquarkus.http.port=")).count(), command.toString());
        assertEquals(List.of("-jar", "pim.jar"), command.subList(command.size() - 2, command.size()));

        List<String> plain = service.command(Map.of());
        assertTrue(plain.contains("-Dquarkus.http.port=8084"), plain.toString());
        assertTrue(plain.stream().noneMatch(arg -> arg.startsWith("-Dtessera.clock.offset")), plain.toString());
        assertEquals(Map.of("quarkus.http.port", "8084"), properties);
    }

    @Test
    void byDefaultTheFullJitInASmallFootprintAndTheCallersOptionsInsteadWhenGiven() {
        assumeTrue(System.getenv(ServiceProcess.JVM_OPTIONS_ENV) == null, "no TESSERA_SERVICE_JVM_OPTIONS here");
        String before = System.clearProperty(ServiceProcess.JVM_OPTIONS_PROPERTY);
        try {
            List<String> plain = service.command(Map.of());
            assertEquals(ServiceProcess.DEFAULT_JVM_OPTIONS, plain.subList(1, 1 + ServiceProcess.DEFAULT_JVM_OPTIONS.size()));
            assertTrue(plain.stream().noneMatch(arg -> arg.startsWith("-XX:TieredStopAtLevel")), plain.toString());
            assertTrue(plain.contains("-Xmx128m"), plain.toString());

            System.setProperty(ServiceProcess.JVM_OPTIONS_PROPERTY, " -Xmx512m  -XX:+UseSerialGC ");
            List<String> custom = service.command(Map.of());
            assertEquals(List.of("-Xmx512m", "-XX:+UseSerialGC"), custom.subList(1, 3));
            assertTrue(custom.stream().noneMatch(arg -> arg.equals("-Xmx128m")), custom.toString());
        } finally {
            if (before == null) {
                System.clearProperty(ServiceProcess.JVM_OPTIONS_PROPERTY);
            } else {
                System.setProperty(ServiceProcess.JVM_OPTIONS_PROPERTY, before);
            }
        }
    }
}
