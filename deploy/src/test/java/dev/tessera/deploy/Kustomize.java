package dev.tessera.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The subset of Kustomize the manifests under deploy/ use, so the build can render them without a
 * kustomize binary: {@code resources} (files and directories), {@code namespace}, {@code labels}
 * (metadata only), {@code patches} (strategic merge, matched by kind+name or a target; JSON 6902
 * add/replace/remove), {@code images} and {@code replicas}. Any other kustomization field fails the
 * render, so the kustomizations stay inside what is checked here.
 */
final class Kustomize {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Set<String> SUPPORTED = Set.of("apiVersion", "kind", "resources", "namespace",
            "labels", "patches", "images", "replicas");
    private static final Set<String> CLUSTER_SCOPED = Set.of("Namespace", "ClusterRole",
            "ClusterRoleBinding", "CustomResourceDefinition", "PersistentVolume", "StorageClass");

    private Kustomize() {
    }

    /** Renders the kustomization in {@code dir}: one map per Kubernetes object. */
    static List<Map<String, Object>> render(Path dir) {
        Map<String, Object> k = single(dir.resolve("kustomization.yaml"));
        for (String key : k.keySet()) {
            if (!SUPPORTED.contains(key)) {
                throw new IllegalStateException(dir + ": kustomization field '" + key + "' is outside the supported subset");
            }
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object r : list(k.get("resources"))) {
            Path p = dir.resolve((String) r).normalize();
            if (Files.isDirectory(p)) {
                out.addAll(render(p));
            } else {
                out.addAll(readAll(p));
            }
        }
        for (Object o : list(k.get("patches"))) {
            Map<String, Object> patch = map(o);
            Map<String, Object> target = patch.containsKey("target") ? map(patch.get("target")) : null;
            String text = patch.containsKey("path") ? read(dir.resolve((String) patch.get("path")))
                    : (String) Objects.requireNonNull(patch.get("patch"), dir + ": patch without path or patch");
            applyPatch(dir, out, text, target);
        }
        for (Object o : list(k.get("images"))) {
            Map<String, Object> image = map(o);
            int hits = 0;
            for (Map<String, Object> doc : out) {
                for (Map<String, Object> c : containers(doc)) {
                    String ref = (String) c.get("image");
                    String name = ref.contains(":") ? ref.substring(0, ref.lastIndexOf(':')) : ref;
                    String tag = ref.contains(":") ? ref.substring(ref.lastIndexOf(':') + 1) : null;
                    if (name.equals(image.get("name"))) {
                        String newName = (String) image.getOrDefault("newName", name);
                        String newTag = image.containsKey("newTag") ? String.valueOf(image.get("newTag")) : tag;
                        c.put("image", newTag == null ? newName : newName + ":" + newTag);
                        hits++;
                    }
                }
            }
            if (hits == 0) {
                throw new IllegalStateException(dir + ": images entry " + image.get("name") + " matches no container");
            }
        }
        for (Object o : list(k.get("replicas"))) {
            Map<String, Object> rep = map(o);
            Map<String, Object> doc = out.stream()
                    .filter(d -> Set.of("Deployment", "StatefulSet").contains(d.get("kind")) && rep.get("name").equals(name(d)))
                    .findFirst().orElseThrow(() -> new IllegalStateException(dir + ": replicas for unknown " + rep.get("name")));
            map(doc.get("spec")).put("replicas", rep.get("count"));
        }
        if (k.get("namespace") instanceof String ns) {
            for (Map<String, Object> doc : out) {
                if (!CLUSTER_SCOPED.contains(doc.get("kind"))) {
                    metadata(doc).put("namespace", ns);
                }
            }
        }
        for (Object o : list(k.get("labels"))) {
            Map<String, Object> pairs = map(map(o).get("pairs"));
            if (map(o).keySet().stream().anyMatch(key -> !key.equals("pairs"))) {
                throw new IllegalStateException(dir + ": only labels.pairs (metadata labels) is supported");
            }
            for (Map<String, Object> doc : out) {
                Map<String, Object> md = metadata(doc);
                Map<String, Object> labels = md.containsKey("labels") ? map(md.get("labels")) : new LinkedHashMap<>();
                labels.putAll(pairs);
                md.put("labels", labels);
            }
        }
        return out;
    }

    private static void applyPatch(Path dir, List<Map<String, Object>> docs, String text, Map<String, Object> target) {
        JsonNode first;
        try {
            first = YAML.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (first != null && first.isArray()) { // JSON 6902
            if (target == null) {
                throw new IllegalStateException(dir + ": a JSON 6902 patch needs a target");
            }
            List<Object> ops = YAML.convertValue(first, List.class);
            List<Map<String, Object>> matched = matching(dir, docs, target);
            for (Map<String, Object> doc : matched) {
                for (Object op : ops) {
                    json6902(doc, map(op));
                }
            }
            return;
        }
        for (Map<String, Object> patch : readAll(text)) {
            List<Map<String, Object>> matched = target != null ? matching(dir, docs, target)
                    : matching(dir, docs, Map.of("kind", patch.get("kind"), "name", name(patch)));
            for (Map<String, Object> doc : matched) {
                Map<String, Object> p = deepCopy(patch);
                p.remove("metadata");
                p.remove("apiVersion");
                p.remove("kind");
                merge(doc, p);
            }
        }
    }

    private static List<Map<String, Object>> matching(Path dir, List<Map<String, Object>> docs, Map<String, Object> target) {
        for (String key : target.keySet()) {
            if (!Set.of("kind", "name").contains(key)) {
                throw new IllegalStateException(dir + ": patch target field '" + key + "' is outside the supported subset");
            }
        }
        List<Map<String, Object>> matched = docs.stream()
                .filter(d -> !target.containsKey("kind") || target.get("kind").equals(d.get("kind")))
                .filter(d -> !target.containsKey("name") || target.get("name").equals(name(d)))
                .toList();
        if (matched.isEmpty()) {
            throw new IllegalStateException(dir + ": patch target " + target + " matches nothing");
        }
        return matched;
    }

    /** Strategic merge for the fields used here: maps merge, lists of named maps merge by name, other lists replace. */
    @SuppressWarnings("unchecked")
    static void merge(Map<String, Object> into, Map<String, Object> patch) {
        for (Map.Entry<String, Object> e : patch.entrySet()) {
            Object cur = into.get(e.getKey());
            Object val = e.getValue();
            if (val == null) {
                into.remove(e.getKey());
            } else if (cur instanceof Map && val instanceof Map) {
                merge((Map<String, Object>) cur, (Map<String, Object>) val);
            } else if (cur instanceof List<?> curList && val instanceof List<?> valList && namedMaps(curList) && namedMaps(valList)) {
                List<Object> merged = new ArrayList<>(curList);
                for (Object item : valList) {
                    Map<String, Object> pm = (Map<String, Object>) item;
                    Map<String, Object> existing = merged.stream().map(x -> (Map<String, Object>) x)
                            .filter(x -> Objects.equals(x.get("name"), pm.get("name"))).findFirst().orElse(null);
                    if (existing == null) {
                        merged.add(deepCopy(pm));
                    } else {
                        merge(existing, pm);
                    }
                }
                into.put(e.getKey(), merged);
            } else {
                into.put(e.getKey(), deepCopy(val));
            }
        }
    }

    private static boolean namedMaps(List<?> l) {
        return !l.isEmpty() && l.stream().allMatch(x -> x instanceof Map<?, ?> m && m.containsKey("name"));
    }

    @SuppressWarnings("unchecked")
    static void json6902(Map<String, Object> doc, Map<String, Object> op) {
        String path = (String) op.get("path");
        String[] parts = path.substring(1).split("/", -1);
        Object parent = doc;
        for (int i = 0; i < parts.length - 1; i++) {
            parent = child(parent, unescape(parts[i]), path);
        }
        String last = unescape(parts[parts.length - 1]);
        String kind = (String) op.get("op");
        Object value = deepCopy(op.get("value"));
        if (parent instanceof Map<?, ?> m) {
            Map<String, Object> pm = (Map<String, Object>) m;
            switch (kind) {
                case "add" -> pm.put(last, value);
                case "replace" -> {
                    if (!pm.containsKey(last)) {
                        throw new IllegalStateException("replace of missing " + path + " in " + name(doc));
                    }
                    pm.put(last, value);
                }
                case "remove" -> {
                    if (pm.remove(last) == null) {
                        throw new IllegalStateException("remove of missing " + path + " in " + name(doc));
                    }
                }
                default -> throw new IllegalStateException("unsupported JSON 6902 op " + kind);
            }
        } else if (parent instanceof List<?> l) {
            List<Object> pl = (List<Object>) l;
            switch (kind) {
                case "add" -> {
                    if (last.equals("-")) {
                        pl.add(value);
                    } else {
                        pl.add(Integer.parseInt(last), value);
                    }
                }
                case "replace" -> pl.set(Integer.parseInt(last), value);
                case "remove" -> pl.remove(Integer.parseInt(last));
                default -> throw new IllegalStateException("unsupported JSON 6902 op " + kind);
            }
        } else {
            throw new IllegalStateException(path + " does not lead to a map or list in " + name(doc));
        }
    }

    private static Object child(Object parent, String key, String path) {
        Object next = parent instanceof Map<?, ?> m ? m.get(key)
                : parent instanceof List<?> l ? l.get(Integer.parseInt(key)) : null;
        if (next == null) {
            throw new IllegalStateException("JSON 6902 path " + path + ": no " + key);
        }
        return next;
    }

    private static String unescape(String s) {
        return s.replace("~1", "/").replace("~0", "~");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> containers(Map<String, Object> doc) {
        Object spec = doc.get("spec");
        if (!(spec instanceof Map<?, ?> s) || !(s.get("template") instanceof Map<?, ?> t)
                || !(t.get("spec") instanceof Map<?, ?> ps)) {
            return List.of();
        }
        List<Map<String, Object>> all = new ArrayList<>();
        for (String key : List.of("containers", "initContainers")) {
            if (ps.get(key) instanceof List<?> l) {
                l.forEach(c -> all.add((Map<String, Object>) c));
            }
        }
        return all;
    }

    static String name(Map<String, Object> doc) {
        return (String) metadata(doc).get("name");
    }

    private static Map<String, Object> metadata(Map<String, Object> doc) {
        return map(Objects.requireNonNull(doc.get("metadata"), "object without metadata: " + doc));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    private static List<?> list(Object o) {
        return o == null ? List.of() : (List<?>) o;
    }

    @SuppressWarnings("unchecked")
    private static <T> T deepCopy(T o) {
        if (o instanceof Map<?, ?> m) {
            Map<String, Object> copy = new LinkedHashMap<>();
            m.forEach((k, v) -> copy.put((String) k, deepCopy(v)));
            return (T) copy;
        }
        if (o instanceof List<?> l) {
            List<Object> copy = new ArrayList<>();
            l.forEach(v -> copy.add(deepCopy(v)));
            return (T) copy;
        }
        return o;
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Object> single(Path p) {
        List<Map<String, Object>> docs = readAll(p);
        if (docs.size() != 1) {
            throw new IllegalStateException(p + ": expected one document");
        }
        return docs.get(0);
    }

    private static List<Map<String, Object>> readAll(Path p) {
        try {
            return readAll(read(p));
        } catch (RuntimeException e) {
            throw new IllegalStateException(p + ": " + e.getMessage(), e);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> readAll(String text) {
        List<Map<String, Object>> docs = new ArrayList<>();
        try (MappingIterator<Object> it = YAML.readerFor(Object.class).readValues(text)) {
            while (it.hasNext()) {
                Object doc = it.next();
                if (doc instanceof Map<?, ?> m && !m.isEmpty()) {
                    docs.add((Map<String, Object>) doc);
                } else if (doc != null) {
                    throw new IllegalStateException("a YAML document is not an object: " + doc);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return docs;
    }
}
