package dev.tessera.testsupport;

import dev.tessera.infra.DevKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The signing keys of this test JVM, generated into a fresh temp directory on first use. Test
 * classes and the test resource live in different class loaders, so the directory is shared through
 * a system property, not a static field.
 */
final class TestKeys {

    static final String DIR_PROPERTY = "tessera.test.keys.dir";

    private TestKeys() {
    }

    static DevKeys keys() {
        synchronized (SharedState.LOCK) {
            String dir = System.getProperty(DIR_PROPERTY);
            if (dir != null) {
                return DevKeys.loadOrCreate(Path.of(dir));
            }
            Path created = createDir();
            DevKeys keys = DevKeys.loadOrCreate(created);
            // deleteOnExit runs in reverse order of registration: files first, then the directory.
            created.toFile().deleteOnExit();
            for (Path file : new Path[] {created.resolve(".lock"), keys.privateKeyPath(), keys.publicKeyPath()}) {
                file.toFile().deleteOnExit();
            }
            System.setProperty(DIR_PROPERTY, created.toString());
            return keys;
        }
    }

    private static Path createDir() {
        try {
            return Files.createTempDirectory("tessera-test-keys-" + ProcessHandle.current().pid() + "-");
        } catch (IOException e) {
            throw new IllegalStateException("Could not create a directory for the test signing keys", e);
        }
    }
}
