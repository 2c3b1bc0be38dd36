package dev.tessera.platform.messaging.events;

/** Kafka topics (docs/events.md). Record key = aggregate id, so one aggregate's events stay ordered. */
public final class Topics {

    public static final String CATALOG_EVENTS = "tessera.catalog.events";
    public static final String ASSIGNMENT_EVENTS = "tessera.assignment.events";
    public static final String DELIVERY_EVENTS = "tessera.delivery.events";
    public static final String DIRECTORY_EVENTS = "tessera.directory.events";
    public static final String PIM_COMMANDS = "tessera.pim.commands";
    public static final String PIM_EVENTS = "tessera.pim.events";
    /**
     * Compacted (cleanup.policy=compact): the latest {@link EffectiveRolesChanged} per principal is that
     * principal's directory roles. Not in {@link #ALL}: it has no consumer group and no dead-letter topic;
     * every service reads it whole at start.
     */
    public static final String PIM_ROLES = "tessera.pim.roles";

    public static final java.util.List<String> ALL = java.util.List.of(CATALOG_EVENTS, ASSIGNMENT_EVENTS,
            DELIVERY_EVENTS, DIRECTORY_EVENTS, PIM_COMMANDS, PIM_EVENTS);

    private Topics() {
    }

    public static String deadLetter(String topic) {
        return topic + ".dlq";
    }
}
