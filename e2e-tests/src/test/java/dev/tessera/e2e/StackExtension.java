package dev.tessera.e2e;

import dev.tessera.devstack.LocalStack;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts one whole Tessera (PostgreSQL, Kafka, four service JVMs from their built jars, the gateway)
 * on free ports with a temporary data folder, shared by every end-to-end test class of the run.
 */
public class StackExtension implements BeforeAllCallback {

    private static LocalStack stack;
    private static Path dataDir;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        stack();
    }

    static synchronized LocalStack stack() throws Exception {
        if (stack == null) {
            Path root = projectRoot();
            Path data = Files.createTempDirectory("tessera-e2e");
            stack = LocalStack.builder().projectRoot(root).dataDir(data).freePorts().start();
            dataDir = data;
            Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "stop-e2e-stack"));
        }
        return stack;
    }

    /** The checkout the tests run in (docs/ is read from there). */
    static Path projectRoot() {
        return Path.of(System.getProperty("tessera.project.root", "..")).toAbsolutePath().normalize();
    }

    /** The stack's data folder: its signing key is under {@code keys/}, for tokens TokenMinter cannot shape. */
    static synchronized Path dataDir() throws Exception {
        stack();
        return dataDir;
    }
}
