package dev.tessera.testsupport;

import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * State shared by everything in one test JVM. Quarkus loads test resources and test classes with
 * different class loaders (and again after a profile restart), so static fields would be duplicated;
 * system properties and an interned string monitor are the two things every loader sees once.
 */
final class SharedState {

    /** String literals are interned JVM-wide, so this monitor is the same object in every class loader. */
    static final String LOCK = "dev.tessera.testsupport.SharedState.LOCK";

    private static final String PREFIX = "tessera.test.infra.";

    private SharedState() {
    }

    /** The Quarkus configuration published by the first start in this JVM, or null. */
    static Map<String, String> infraConfig() {
        Properties all = System.getProperties();
        if (all.getProperty(PREFIX + "started") == null) {
            return null;
        }
        Map<String, String> config = new HashMap<>();
        for (String name : all.stringPropertyNames()) {
            if (name.startsWith(PREFIX + "config.")) {
                config.put(name.substring((PREFIX + "config.").length()), all.getProperty(name));
            }
        }
        return Map.copyOf(config);
    }

    static void publishInfraConfig(Map<String, String> config) {
        config.forEach((key, value) -> System.setProperty(PREFIX + "config." + key, value));
        System.setProperty(PREFIX + "started", "true");
    }
}
