package dev.tessera.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Kustomize subset behaves like kustomize for what deploy/ uses, and refuses the rest. */
class KustomizeTest {

    @TempDir
    Path dir;

    @Test
    void strategicMergeMergesNamedListItemsAndJson6902Replaces() throws IOException {
        Files.writeString(dir.resolve("d.yaml"), """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: a}
                spec:
                  replicas: 1
                  template:
                    spec:
                      containers:
                        - {name: a, image: tessera/a, env: [{name: X, value: "1"}], resources: {limits: {memory: 1Gi}}}
                """);
        Files.writeString(dir.resolve("kustomization.yaml"), """
                namespace: ns
                resources: [d.yaml]
                images: [{name: tessera/a, newName: r.example/tessera/a, newTag: "2"}]
                replicas: [{name: a, count: 3}]
                patches:
                  - patch: |-
                      apiVersion: apps/v1
                      kind: Deployment
                      metadata: {name: a}
                      spec:
                        template:
                          spec:
                            containers:
                              - {name: a, env: [{name: Y, value: "2"}]}
                  - target: {kind: Deployment}
                    patch: |-
                      - op: replace
                        path: /spec/template/spec/containers/0/resources
                        value: {limits: {memory: 2Gi}}
                """);
        Map<String, Object> d = Kustomize.render(dir).get(0);
        assertEquals("ns", ((Map<?, ?>) d.get("metadata")).get("namespace"));
        assertEquals(3, ((Map<?, ?>) d.get("spec")).get("replicas"));
        Map<?, ?> c = (Map<?, ?>) ((List<?>) ((Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) d.get("spec")).get("template")).get("spec")).get("containers")).get(0);
        assertEquals("r.example/tessera/a:2", c.get("image"));
        assertEquals(List.of(Map.of("name", "X", "value", "1"), Map.of("name", "Y", "value", "2")), c.get("env"));
        assertEquals(Map.of("limits", Map.of("memory", "2Gi")), c.get("resources"));
    }

    @Test
    void refusesWhatItDoesNotImplementOrMatch() throws IOException {
        Files.writeString(dir.resolve("kustomization.yaml"), "resources: []\nconfigMapGenerator: []\n");
        assertTrue(assertThrows(IllegalStateException.class, () -> Kustomize.render(dir)).getMessage().contains("configMapGenerator"));
        Files.writeString(dir.resolve("kustomization.yaml"), "resources: []\nreplicas: [{name: nope, count: 2}]\n");
        assertThrows(IllegalStateException.class, () -> Kustomize.render(dir));
    }
}
