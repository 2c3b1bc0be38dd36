package dev.tessera.testsupport;

import dev.tessera.infra.DevKeys;
import java.nio.file.Path;

/**
 * The signing keys of this test JVM. Test classes and the test resource live in different class
 * loaders, so the keys are shared through a directory named after the process, not a static field.
 */
final class TestKeys {

    private TestKeys() {
    }

    static DevKeys keys() {
        Path dir = Path.of(System.getProperty("java.io.tmpdir"), "tessera-test-keys-" + ProcessHandle.current().pid());
        dir.toFile().deleteOnExit();
        return DevKeys.loadOrCreate(dir);
    }
}
