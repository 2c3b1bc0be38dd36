package dev.tessera.platform.messaging;

/** An event that can never be processed (malformed, unknown shape): not retried, dead-lettered at once. */
public class PoisonEventException extends RuntimeException {

    public PoisonEventException(String message) {
        super(message);
    }
}
