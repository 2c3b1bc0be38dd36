package dev.tessera.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The manifests are rendered by the real kubectl kustomize, and a missing kubectl fails the build with a way out. */
class KubectlKustomizeTest {

    /** The object counts kubectl kustomize renders today; a change here is a change of what kubectl apply -k applies. */
    @ParameterizedTest
    @CsvSource({"base, 55", "overlays/dev, 55", "overlays/prod, 63"})
    void rendersEveryObjectOfEachOverlay(String overlay, int objects) {
        var docs = KubectlKustomize.render(ManifestConsistencyTest.DEPLOY.resolve(overlay));
        assertEquals(objects, docs.size(), overlay);
        docs.forEach(d -> assertTrue(d.get("kind") instanceof String && d.get("metadata") instanceof Map<?, ?>, overlay + ": " + d));
    }

    @Test
    void aMissingKubectlFailsWithHowToInstallIt() {
        AssertionError e = assertThrows(AssertionError.class,
                () -> KubectlKustomize.checkVersion(Path.of("/nonexistent/kubectl").toString()));
        assertTrue(e.getMessage().contains("cannot run '/nonexistent/kubectl'") && e.getMessage().contains("Install kubectl"), e.getMessage());
    }

    @Test
    void aFailingRenderFailsWithKubectlsMessage() {
        AssertionError e = assertThrows(AssertionError.class,
                () -> KubectlKustomize.run(KubectlKustomize.kubectl(), "kustomize", "/nonexistent/kustomization-dir"));
        assertTrue(e.getMessage().contains("exit code"), e.getMessage());
    }
}
