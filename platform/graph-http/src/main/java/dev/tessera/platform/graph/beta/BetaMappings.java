package dev.tessera.platform.graph.beta;

import dev.tessera.platform.graph.GraphException;
import dev.tessera.platform.graph.query.ODataNames;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The {@link BetaMapping} beans of this service, and the translation of paths and query options they imply
 * (docs/beta.md). A service without beans serves no beta path.
 */
@ApplicationScoped
public class BetaMappings {

    public static final String BETA = "/beta";
    public static final String V1 = "/v1.0";
    public static final String ROOT = "/identityGovernance/entitlementManagement/";

    private final Map<String, BetaMapping> byBetaSegment = new HashMap<>();
    private final Map<String, BetaMapping> byV1Segment = new HashMap<>();
    /** Every mapping's property paths together: for navigation segments and nested $expand items. */
    private final Map<String, String> allProperties = new HashMap<>();

    BetaMappings() {
    }

    @Inject
    public BetaMappings(Instance<BetaMapping> mappings) {
        this(mappings.stream().toList());
    }

    public BetaMappings(List<BetaMapping> mappings) {
        for (BetaMapping m : mappings) {
            byBetaSegment.put(m.betaSegment().toLowerCase(Locale.ROOT), m);
            byV1Segment.put(m.v1Segment().toLowerCase(Locale.ROOT), m);
        }
        for (BetaMapping m : mappings) {
            m.properties().forEach((beta, v1) -> allProperties.putIfAbsent(beta.toLowerCase(Locale.ROOT), v1));
        }
    }

    /** The v1.0 request path of a beta path and the mapping of the entity set it addresses. */
    public record Translated(String v1Path, BetaMapping mapping) {
    }

    /**
     * {@code /beta/identityGovernance/entitlementManagement/accessPackageCatalogs/{id}/accessPackageResources}
     * → {@code /v1.0/identityGovernance/entitlementManagement/catalogs/{id}/resources}; any other
     * {@code /beta} path is a 404 Graph error naming it.
     */
    public Translated toV1(String rawBetaPath) {
        String rest = rawBetaPath.length() > BETA.length() ? rawBetaPath.substring(BETA.length()) : "";
        if (!rest.regionMatches(true, 0, ROOT, 0, ROOT.length())) {
            throw notServed(rawBetaPath);
        }
        String[] segments = rest.substring(ROOT.length()).split("/", -1);
        BetaMapping first = byBetaSegment.get(segments[0].toLowerCase(Locale.ROOT));
        if (first == null) {
            throw notServed(rawBetaPath);
        }
        BetaMapping current = first;
        List<String> out = new ArrayList<>();
        for (int i = 0; i < segments.length; i++) {
            String segment = segments[i];
            if (isDotOrEmpty(segment)) {
                // never let a beta path climb out of entitlement management once it is a v1.0 path
                throw notServed(rawBetaPath);
            }
            boolean idPosition = i % 2 == 1;
            if (idPosition) {
                out.add(segment);
                continue;
            }
            BetaMapping set = byBetaSegment.get(segment.toLowerCase(Locale.ROOT));
            if (set != null) {
                out.add(set.v1Segment());
                current = set;
            } else if (i > 0) {
                String renamed = property(current, segment);
                out.add(renamed);
            } else {
                throw notServed(rawBetaPath);
            }
        }
        return new Translated(V1 + ROOT + String.join("/", out), current);
    }

    /** An empty, {@code .} or {@code ..} segment, also percent-encoded ({@code %2e}) or holding an encoded slash. */
    static boolean isDotOrEmpty(String segment) {
        String decoded = segment.replace("%2e", ".").replace("%2E", ".");
        return decoded.isEmpty() || decoded.equals(".") || decoded.equals("..")
                || segment.toLowerCase(Locale.ROOT).contains("%2f") || segment.contains("%5c") || segment.contains("%5C")
                || segment.contains("\\");
    }

    /** A v1.0 path or link tail ({@code identityGovernance/entitlementManagement/resourceRoleScopes/…}) in beta names. */
    public String segmentsToBeta(String v1Tail) {
        String[] parts = v1Tail.split("/", -1);
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            int paren = part.indexOf('(');
            String name = paren < 0 ? part : part.substring(0, paren);
            BetaMapping m = byV1Segment.get(name.toLowerCase(Locale.ROOT));
            if (m != null && !name.equals("identityGovernance") && !name.equals("entitlementManagement")) {
                parts[i] = m.betaSegment() + (paren < 0 ? "" : part.substring(paren));
            }
        }
        return String.join("/", parts);
    }

    /** The v1.0 name of a beta property path of {@code mapping}'s entity set; unknown paths unchanged. */
    public String property(BetaMapping mapping, String betaPath) {
        Optional<String> whole = lookup(mapping, betaPath);
        if (whole.isPresent()) {
            return whole.get();
        }
        if (!betaPath.contains("/")) {
            return betaPath;
        }
        String[] parts = betaPath.split("/", -1);
        for (int i = 0; i < parts.length; i++) {
            parts[i] = lookup(mapping, parts[i]).orElse(parts[i]);
        }
        return String.join("/", parts);
    }

    private Optional<String> lookup(BetaMapping mapping, String name) {
        String key = name.toLowerCase(Locale.ROOT);
        if (mapping != null) {
            for (Map.Entry<String, String> e : mapping.properties().entrySet()) {
                if (e.getKey().equalsIgnoreCase(name)) {
                    return Optional.of(e.getValue());
                }
            }
        }
        String any = allProperties.get(key);
        if (any != null) {
            return Optional.of(any);
        }
        BetaMapping set = byBetaSegment.get(key);
        return set == null ? Optional.empty() : Optional.of(set.v1Segment());
    }

    /** A query option's value in v1.0 names: {@code $filter}, {@code $orderby}, {@code $select}, {@code $expand}. */
    public String option(BetaMapping mapping, String optionName, String value) {
        String name = optionName.toLowerCase(Locale.ROOT);
        name = name.startsWith("$") ? name.substring(1) : name;
        return switch (name) {
            case "filter" -> ODataNames.renameFilter(value, p -> property(mapping, p));
            case "orderby", "select", "expand" -> ODataNames.renamePaths(value, p -> property(mapping, p));
            default -> value;
        };
    }

    public static GraphException notServed(String path) {
        return GraphException.notFound("The path '" + path + "' is not served in beta: Tessera serves under "
                + "/beta only the entitlement-management entity sets listed in docs/beta.md.");
    }
}
