package dev.tessera.devstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Ports and folders of the stack, without starting it. */
class LocalStackBuilderTest {

    @Test
    void defaultsAreTheDevStacksFixedPorts() {
        LocalStack.Builder builder = LocalStack.builder();
        assertEquals(8080, builder.gatewayPort);
        assertEquals(Map.of(LocalStack.CATALOG, 8081, LocalStack.REQUEST, 8082, LocalStack.PROVISIONING, 8083,
                LocalStack.PIM, 8084), builder.servicePorts);
        assertEquals(15432, builder.pgPort);
        assertEquals(19092, builder.kafkaPort);
        assertEquals(19093, builder.kafkaControllerPort);
    }

    @Test
    void aBasePortMovesTheGatewayAndTheServicesTogether() {
        LocalStack.Builder builder = LocalStack.builder().basePort(9000).servicePort(LocalStack.PIM, 9999);
        assertEquals(9000, builder.gatewayPort);
        assertEquals(List.of(9001, 9002, 9003, 9999), List.copyOf(builder.servicePorts.values()));
    }

    @Test
    void replicaRListensOnTheServicePortPlusTenTimesR() {
        LocalStack.Builder builder = LocalStack.builder().replicas(2);
        assertEquals(8081, builder.replicaPort(LocalStack.CATALOG, 0));
        assertEquals(8091, builder.replicaPort(LocalStack.CATALOG, 1));
        assertEquals(8094, builder.replicaPort(LocalStack.PIM, 1));
        assertEquals(0, LocalStack.builder().freePorts().replicas(2).replicaPort(LocalStack.PIM, 1));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> LocalStack.builder().replicas(0));
        assertEquals("request-service#2", LocalStack.replicaName(LocalStack.REQUEST, 1));
        assertEquals("request-service", LocalStack.replicaName(LocalStack.REQUEST, 0));
    }

    @Test
    void servicePropertiesAreKeptForEveryServiceInOrder() {
        LocalStack.Builder builder = LocalStack.builder().serviceProperty("tessera.throttle.burst", "9")
                .serviceProperty("tessera.throttle.requests-per-second", "3").serviceProperty("tessera.throttle.burst", "10");
        assertEquals(List.of(Map.entry("tessera.throttle.burst", "10"), Map.entry("tessera.throttle.requests-per-second", "3")),
                List.copyOf(builder.serviceProperties.entrySet()));
        assertEquals(Map.of(), LocalStack.builder().serviceProperties);
    }

    @Test
    void freePortsAsksForZeroEverywhere() {
        LocalStack.Builder builder = LocalStack.builder().freePorts();
        assertEquals(0, builder.gatewayPort);
        assertEquals(List.of(0, 0, 0, 0), List.copyOf(builder.servicePorts.values()));
        assertEquals(0, builder.pgPort + builder.kafkaPort + builder.kafkaControllerPort);
    }

    @Test
    void theDataFolderDefaultsToDotTesseraUnderTheProjectRoot() {
        LocalStack stack = LocalStack.builder().projectRoot(Path.of("/work/x")).build();
        assertEquals(Path.of("/work/x/.tessera"), stack.dataDir());
        assertEquals(Path.of("/work/x/.tessera/run"), stack.runDir());
    }

    @Test
    void databasesAndTopicsFollowTheArchitecture() {
        assertEquals("catalog", LocalStack.database(LocalStack.CATALOG));
        assertEquals("provisioning", LocalStack.database(LocalStack.PROVISIONING));
        assertEquals(12, LocalStack.allTopics().size());
        assertEquals("tessera.pim.events.dlq", LocalStack.allTopics().get(11));
    }

    @Test
    void unknownServicesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> LocalStack.builder().servicePort("billing-service", 1));
    }

    @Test
    void closingAStackThatNeverStartedIsHarmless() {
        LocalStack stack = LocalStack.builder().build();
        stack.close();
        stack.close();
    }
}
