package dev.tessera.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The authorization matrix of docs/security.md, read from the markdown tables between
 * {@code <!-- matrix:begin -->} and {@code <!-- matrix:end -->}: one row per endpoint (method and path
 * template as the OpenAPI documents name them, or a function call of an {@code {id}} route), one cell
 * per caller kind. The doc is the only copy: the test never keeps its own.
 */
record AuthorizationMatrix(List<String> columns, List<Row> rows) {

    static final String BEGIN = "<!-- matrix:begin -->";
    static final String END = "<!-- matrix:end -->";
    private static final Pattern ENDPOINT = Pattern.compile("`(GET|POST|PUT|PATCH|DELETE) (/[^`]+)`");
    private static final Set<String> VALUES = Set.of("ok", "401", "403", "404");

    /** One endpoint and what each caller kind gets. */
    record Row(String method, String path, Map<String, String> expected) {

        String key() {
            return method + " " + path;
        }

        boolean isTemplate() {
            return !path.contains("(");
        }
    }

    /** An operation of a service's OpenAPI document. */
    record Endpoint(String service, String method, String template) {

        String key() {
            return method + " " + template;
        }

        /** Whether the row's path is this template or a concrete instance of it (a function call for {@code {id}}). */
        boolean matches(Row row) {
            if (!row.method().equals(method)) {
                return false;
            }
            if (row.isTemplate()) {
                return row.path().equals(template);
            }
            String regex = Pattern.quote(template).replaceAll("\\{[^}]+}", "\\\\E[^/]+\\\\Q");
            return row.path().matches(regex);
        }
    }

    static AuthorizationMatrix read(Path securityDoc) throws IOException {
        String doc = Files.readString(securityDoc);
        int begin = doc.indexOf(BEGIN);
        int end = doc.indexOf(END);
        if (begin < 0 || end < begin) {
            throw new IllegalStateException(securityDoc + " has no " + BEGIN + " … " + END + " section");
        }
        List<String> columns = null;
        List<Row> rows = new ArrayList<>();
        for (String line : doc.substring(begin, end).split("\n")) {
            line = line.trim();
            if (!line.startsWith("|") || line.startsWith("|---")) {
                continue;
            }
            List<String> cells = cells(line);
            if (cells.get(0).equals("endpoint")) {
                List<String> header = cells.subList(1, cells.size());
                if (columns != null && !columns.equals(header)) {
                    throw new IllegalStateException("Every matrix table must have the same columns; found " + header);
                }
                columns = List.copyOf(header);
                continue;
            }
            Matcher endpoint = ENDPOINT.matcher(cells.get(0));
            if (columns == null || !endpoint.matches() || cells.size() != columns.size() + 1) {
                throw new IllegalStateException("Unreadable matrix row: " + line);
            }
            Map<String, String> expected = new LinkedHashMap<>();
            for (int i = 0; i < columns.size(); i++) {
                String value = cells.get(i + 1);
                if (!VALUES.contains(value)) {
                    throw new IllegalStateException("Cell '" + value + "' (" + columns.get(i) + ") of " + cells.get(0)
                            + " is none of " + VALUES);
                }
                expected.put(columns.get(i), value);
            }
            rows.add(new Row(endpoint.group(1), endpoint.group(2), expected));
        }
        if (columns == null || rows.isEmpty()) {
            throw new IllegalStateException("The matrix in " + securityDoc + " has no rows");
        }
        return new AuthorizationMatrix(columns, rows);
    }

    private static List<String> cells(String line) {
        String inner = line.substring(1, line.endsWith("|") ? line.length() - 1 : line.length());
        List<String> cells = new ArrayList<>();
        for (String cell : inner.split("\\|")) {
            cells.add(cell.trim());
        }
        return cells;
    }

    /**
     * What does not line up between the doc and the services: operations without a row, rows that
     * name no operation, rows given twice. Empty when every endpoint is in the matrix exactly once.
     */
    List<String> coverageProblems(List<Endpoint> endpoints) {
        List<String> problems = new ArrayList<>();
        Set<String> seen = new TreeSet<>();
        for (Row row : rows) {
            if (!seen.add(row.key())) {
                problems.add("row given twice: " + row.key());
            }
            if (endpoints.stream().noneMatch(e -> e.matches(row))) {
                problems.add("row names no endpoint of any service's OpenAPI document: " + row.key());
            }
        }
        for (Endpoint endpoint : endpoints) {
            if (rows.stream().noneMatch(r -> r.isTemplate() && endpoint.matches(r))) {
                problems.add("endpoint without a row in docs/security.md: " + endpoint.key() + " (" + endpoint.service() + ")");
            }
        }
        return problems;
    }

    /** The service whose OpenAPI document has the row's endpoint. */
    static Optional<Endpoint> owner(Row row, List<Endpoint> endpoints) {
        return endpoints.stream().filter(e -> e.matches(row)).findFirst();
    }
}
