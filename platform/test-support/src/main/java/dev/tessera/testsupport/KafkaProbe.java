package dev.tessera.testsupport;

import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.time.Duration;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * A {@link KafkaCompanion} on the broker the service under test uses (from its configuration, i.e.
 * the shared broker of {@link TesseraInfraResource}). Deliberately not KafkaCompanionResource: that
 * one starts a container. Close the companion when done ({@code try (var kafka = KafkaProbe.companion())}).
 */
public final class KafkaProbe {

    private KafkaProbe() {
    }

    public static KafkaCompanion companion() {
        return companion(Duration.ofSeconds(20));
    }

    /** With a different timeout for the companion's admin calls and waits. */
    public static KafkaCompanion companion(Duration apiTimeout) {
        return new KafkaCompanion(bootstrapServers(), apiTimeout);
    }

    public static String bootstrapServers() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }
}
