package dev.tessera.provisioning.delivery;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tessera.platform.messaging.IdempotentConsumer;
import dev.tessera.platform.messaging.events.EventTypes;
import dev.tessera.platform.messaging.events.PackageResourceRoleChanged;
import dev.tessera.platform.messaging.events.PimRoleCommandResult;
import dev.tessera.platform.messaging.events.PimScheduleChanged;
import dev.tessera.provisioning.PrivilegedPrincipals;
import dev.tessera.platform.messaging.timer.DueTimer;
import dev.tessera.platform.messaging.timer.TimerHandler;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * The other inputs of delivery, each applied once: package changes from catalog-service (a resource
 * role added to or removed from an access package), pim-service's answers to directory-role
 * commands (and its schedule changes, for {@link PrivilegedPrincipals}), and the durable timer that asks pim-service again for a deferred removal.
 */
final class PackageAndPimConsumers {

    private PackageAndPimConsumers() {
    }

    @ApplicationScoped
    static class CatalogEvents {

        @Inject
        IdempotentConsumer consumer;

        @Inject
        DeliveryService delivery;

        @Inject
        ObjectMapper mapper;

        @Incoming("catalog-events")
        public Uni<Void> onEvent(ConsumerRecord<String, String> record) {
            return consumer.once(AssignmentEventConsumer.CONSUMER, record, event -> switch (event.type()) {
                case EventTypes.RESOURCE_ROLE_SCOPE_ADDED ->
                        delivery.roleAdded(event.payload(mapper, PackageResourceRoleChanged.class));
                case EventTypes.RESOURCE_ROLE_SCOPE_REMOVED ->
                        delivery.roleRemoved(event.payload(mapper, PackageResourceRoleChanged.class));
                default -> Uni.createFrom().voidItem();
            });
        }
    }

    @ApplicationScoped
    static class PimEvents {

        @Inject
        IdempotentConsumer consumer;

        @Inject
        DeliveryService delivery;

        @Inject
        PrivilegedPrincipals privileged;

        @Inject
        ObjectMapper mapper;

        /**
         * Answers to role commands go to delivery; schedule changes keep the local view of who holds
         * or is eligible for a directory role, which protects those users from lesser administrators.
         */
        @Incoming("pim-events")
        public Uni<Void> onEvent(ConsumerRecord<String, String> record) {
            return consumer.once(AssignmentEventConsumer.CONSUMER, record, event -> switch (event.type()) {
                case EventTypes.PIM_ROLE_COMMAND_RESULT ->
                        delivery.pimAnswered(event.payload(mapper, PimRoleCommandResult.class));
                case EventTypes.PIM_SCHEDULE_CHANGED ->
                        privileged.scheduleChanged(event.payload(mapper, PimScheduleChanged.class));
                default -> Uni.createFrom().voidItem();
            });
        }
    }

    @ApplicationScoped
    static class PimRemovalRetry implements TimerHandler {

        @Inject
        DeliveryService delivery;

        @Override
        public String kind() {
            return DeliveryService.PIM_REMOVAL_TIMER;
        }

        @Override
        public Uni<Void> fire(DueTimer timer) {
            return delivery.retryRemoval(timer.key());
        }
    }
}
