package dev.tessera.platform.messaging.timer;

import io.smallrye.mutiny.Uni;

/**
 * Acts when a durable timer of its {@link #kind()} is due. Implementations are CDI beans.
 *
 * <p>{@link #fire} runs inside the transaction that also deletes the timer: its state changes and
 * outbox events commit together with the deletion, or not at all (then the timer is retried with
 * backoff). A handler may schedule a new timer with the same kind and key (an escalation followed by
 * a denial, say). Firing must tolerate a state that has moved on meanwhile (the request was approved
 * before its timeout fired): check, then act or do nothing.
 */
public interface TimerHandler {

    String kind();

    Uni<Void> fire(DueTimer timer);
}
