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

    /** Per-caller limits (docs/operations.md "Throttling") far above anything the end-to-end tests send. */
    static final java.util.Map<String, String> UNTHROTTLED = java.util.Map.of(
            "tessera.throttle.requests-per-second", "1000000", "tessera.throttle.burst", "1000000",
            "tessera.throttle.write-requests-per-second", "1000000", "tessera.throttle.write-burst", "1000000");

    static synchronized LocalStack stack() throws Exception {
        if (stack == null) {
            Path root = projectRoot();
            Path data = Files.createTempDirectory("tessera-e2e");
            LocalStack.Builder builder = LocalStack.builder().projectRoot(root).dataDir(data).freePorts();
            // loads from one token (hostile inputs, drills) must not be throttled here; ThrottledCallersTest
            // (catalog-service) tests the throttle itself
            UNTHROTTLED.forEach(builder::serviceProperty);
            stack = builder.start();
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
