package dev.tessera.platform.messaging;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/** The Kafka side of the relay: sends one record and completes when the broker acknowledged it. */
@ApplicationScoped
class OutboxSender {

    @Inject
    @Channel("tessera-outbox")
    MutinyEmitter<String> emitter;

    Uni<Void> send(Message<String> message) {
        return emitter.sendMessage(message);
    }
}
