package dev.tessera.pim.command;

import dev.tessera.platform.messaging.IdempotentConsumer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Directory-role commands from provisioning-service. The walking skeleton records each command once;
 * creating and removing the matching schedules is pim-service's schedule work.
 */
@ApplicationScoped
public class PimCommandConsumer {

    private static final Logger LOG = Logger.getLogger(PimCommandConsumer.class);

    @Inject
    IdempotentConsumer consumer;

    @Incoming("pim-commands")
    public Uni<Void> onCommand(ConsumerRecord<String, String> record) {
        return consumer.once("pim-service", record, event -> {
            LOG.infof("Received %s for %s", event.type(), event.subject());
            return Uni.createFrom().voidItem();
        });
    }
}
