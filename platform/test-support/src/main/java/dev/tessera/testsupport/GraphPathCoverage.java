package dev.tessera.testsupport;

import dev.tessera.platform.graph.GraphPermissions;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Every operation a service's JAX-RS resources serve ({@code @Path} of class and method, HTTP method),
 * read from its compiled classes, and whether the one permission table ({@link GraphPermissions}) covers
 * it: a {@code /v1.0} path needs a family, {@code /internal} is the service token's, and nothing else is
 * served. A service test asserts {@code uncovered()} is empty, so a new endpoint without a row fails the build.
 */
public final class GraphPathCoverage {

    /** One operation: method and a concrete path (each template variable filled in, each alternative of a regex). */
    public record Operation(String method, String path, String declaredBy) {

        @Override
        public String toString() {
            return method + " " + path + " (" + declaredBy + ")";
        }
    }

    private static final Pattern VARIABLE = Pattern.compile("\\{\\s*([A-Za-z0-9_]+)\\s*(?::\\s*((?:[^{}]|\\{[^{}]*\\})+))?\\}");

    private GraphPathCoverage() {
    }

    /** The operations of the resources compiled into {@code target/classes} of the module under test. */
    public static List<Operation> operations() {
        return operations(java.nio.file.Path.of("target", "classes"));
    }

    public static List<Operation> operations(java.nio.file.Path classes) {
        List<Operation> all = new ArrayList<>();
        for (Class<?> type : classes(classes)) {
            if (type.isInterface() || java.lang.reflect.Modifier.isAbstract(type.getModifiers())) {
                continue; // REST clients (what a service calls) and base classes (served through their subclasses)
            }
            Path root = type.getAnnotation(Path.class);
            for (Method method : type.getMethods()) {
                String http = httpMethod(method);
                Path sub = method.getAnnotation(Path.class);
                if (http == null || (root == null && sub == null)) {
                    continue;
                }
                String template = join(root == null ? "" : root.value(), sub == null ? "" : sub.value());
                for (String path : expand(template)) {
                    all.add(new Operation(http, path, type.getName() + "#" + method.getName()));
                }
            }
        }
        return all;
    }

    /** The operations the permission table leaves uncovered (denied to everyone); empty when all are covered. */
    public static List<Operation> uncovered() {
        return uncovered(operations());
    }

    public static List<Operation> uncovered(List<Operation> operations) {
        return operations.stream().filter(op -> !covered(op)).toList();
    }

    static boolean covered(Operation op) {
        if (op.path().equals("/internal") || op.path().startsWith("/internal/")) {
            return true;
        }
        return op.path().startsWith("/v1.0/") && GraphPermissions.required(op.method(), op.path()).isPresent();
    }

    private static String httpMethod(Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            HttpMethod http = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (http != null) {
                return http.value();
            }
        }
        return null;
    }

    private static String join(String a, String b) {
        String path = ("/" + a + "/" + b).replaceAll("/+", "/");
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    /** Fills each {@code {var}} with a sample id, each {@code {var: a|b}} with each alternative. */
    static List<String> expand(String template) {
        Matcher m = VARIABLE.matcher(template);
        if (!m.find()) {
            return List.of(template);
        }
        List<String> values = new ArrayList<>();
        if (m.group(2) == null || m.group(2).contains("[") || m.group(2).contains(".*")) {
            values.add("x" + Integer.toHexString(m.group(1).hashCode()));
        } else {
            for (String alternative : m.group(2).split("\\|")) {
                values.add(alternative.replace("\\", "").trim());
            }
        }
        List<String> paths = new ArrayList<>();
        for (String value : values) {
            paths.addAll(expand(template.substring(0, m.start()) + value + template.substring(m.end())));
        }
        return paths;
    }

    private static List<Class<?>> classes(java.nio.file.Path root) {
        if (!java.nio.file.Files.isDirectory(root)) {
            throw new IllegalStateException("No compiled classes at " + root.toAbsolutePath());
        }
        TreeSet<String> names = new TreeSet<>();
        try (Stream<java.nio.file.Path> files = java.nio.file.Files.walk(root)) {
            files.filter(f -> f.toString().endsWith(".class")).forEach(f -> {
                String relative = root.relativize(f).toString();
                names.add(relative.substring(0, relative.length() - ".class".length()).replace(java.io.File.separatorChar, '.'));
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        List<Class<?>> classes = new ArrayList<>();
        for (String name : names) {
            try {
                classes.add(Class.forName(name, false, loader));
            } catch (ClassNotFoundException | LinkageError e) {
                // not loadable outside the application (generated or optional); resources always are
            }
        }
        return classes;
    }
}
