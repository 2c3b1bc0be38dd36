package dev.tessera.pim.command;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tessera.pim.roles.EffectiveRoles;
import dev.tessera.pim.schedule.PackageRoles;
import dev.tessera.platform.messaging.IdempotentConsumer;
import dev.tessera.platform.messaging.PoisonEventException;
import dev.tessera.platform.messaging.events.EventTypes;
import dev.tessera.platform.messaging.events.PimRoleCommand;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Directory-role commands from provisioning-service (the Eligible / Active resource roles of access
 * packages): each is applied once, under the same rules as a request, and answered with a
 * PimRoleCommandResult on tessera.pim.events.
 */
@ApplicationScoped
public class PimCommandConsumer {

    @Inject
    IdempotentConsumer consumer;

    @Inject
    PackageRoles packageRoles;

    @Inject
    ObjectMapper mapper;

    @Inject
    EffectiveRoles roles;

    @Incoming("pim-commands")
    public Uni<Void> onCommand(ConsumerRecord<String, String> record) {
        return consumer.once("pim-service", record, event -> {
            if (!EventTypes.PIM_ROLE_COMMAND.equals(event.type())) {
                throw new PoisonEventException("pim-service does not handle events of type " + event.type());
            }
            PimRoleCommand command = event.payload(mapper, PimRoleCommand.class);
            return roles.because("accessPackage", () -> packageRoles.apply(command));
        });
    }
}
