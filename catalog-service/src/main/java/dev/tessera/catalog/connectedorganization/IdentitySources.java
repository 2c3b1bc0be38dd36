package dev.tessera.catalog.connectedorganization;

import dev.tessera.platform.graph.GraphException;
import dev.tessera.platform.graph.Ids;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Checks the identity sources of a new connected organization, puts domains and tenant ids in
 * canonical form, and maps sources to and from their rows. Pure; every refusal names the field,
 * e.g. {@code identitySources[1].domainName}.
 */
final class IdentitySources {

    static final String FIELD = "identitySources";
    static final int MAX_NAME = 256;
    static final int MAX_URI = 2048;

    private IdentitySources() {
    }

    static List<IdentitySource> normalise(List<IdentitySource> given) {
        if (given == null || given.isEmpty()) {
            throw GraphException.invalidField(FIELD, "Property 'identitySources' needs at least one identity source, "
                    + "e.g. {\"@odata.type\":\"#microsoft.graph.domainIdentitySource\",\"domainName\":\"example.com\"}.");
        }
        List<IdentitySource> out = new ArrayList<>(given.size());
        Map<String, String> claimedBy = new HashMap<>();
        for (int i = 0; i < given.size(); i++) {
            String field = FIELD + "[" + i + "]";
            IdentitySource source = source(given.get(i), field);
            String key = claim(source);
            String earlier = claimedBy.putIfAbsent(key, field);
            if (earlier != null) {
                throw GraphException.invalidField(field + claimField(source), "'" + key.substring(key.indexOf(':') + 1)
                        + "' is already named by " + earlier + ".");
            }
            out.add(source);
        }
        return List.copyOf(out);
    }

    static IdentitySource source(IdentitySource source, String field) {
        if (source == null) {
            throw GraphException.invalidField(field, "An identity source cannot be null.");
        }
        if (source instanceof IdentitySource.Unknown unknown) {
            throw GraphException.invalidField(field, unknown.typeMissing()
                    ? "An identity source needs its '@odata.type', e.g. '#microsoft.graph.domainIdentitySource'."
                    : "Unknown identity source type '" + unknown.odataType() + "'; supported types are "
                            + String.join(", ", IdentitySource.Types.ALL.keySet()) + ".");
        }
        if (source instanceof IdentitySource.DomainIdentitySource d) {
            return new IdentitySource.DomainIdentitySource(domain(d.domainName(), field + ".domainName"),
                    name(d.displayName(), field + ".displayName"));
        }
        if (source instanceof IdentitySource.AzureActiveDirectoryTenant t) {
            return new IdentitySource.AzureActiveDirectoryTenant(Ids.parse(t.tenantId(), field + ".tenantId").toString(),
                    name(t.displayName(), field + ".displayName"));
        }
        if (source instanceof IdentitySource.ExternalDomainFederation f) {
            return new IdentitySource.ExternalDomainFederation(domain(f.domainName(), field + ".domainName"),
                    name(f.displayName(), field + ".displayName"), issuer(f.issuerUri(), field + ".issuerUri"));
        }
        IdentitySource.CrossCloudAzureActiveDirectoryTenant c = (IdentitySource.CrossCloudAzureActiveDirectoryTenant) source;
        return new IdentitySource.CrossCloudAzureActiveDirectoryTenant(
                Ids.parse(c.tenantId(), field + ".tenantId").toString(), name(c.displayName(), field + ".displayName"),
                required(c.cloudInstance(), field + ".cloudInstance", MAX_NAME));
    }

    static IdentitySourceRow row(UUID organizationId, int position, IdentitySource source) {
        IdentitySourceRow row = new IdentitySourceRow();
        row.id = UUID.randomUUID();
        row.organizationId = organizationId;
        row.position = position;
        if (source instanceof IdentitySource.DomainIdentitySource d) {
            row.sourceType = "domainIdentitySource";
            row.domainName = d.domainName();
            row.displayName = d.displayName();
        } else if (source instanceof IdentitySource.AzureActiveDirectoryTenant t) {
            row.sourceType = "azureActiveDirectoryTenant";
            row.tenantId = UUID.fromString(t.tenantId());
            row.displayName = t.displayName();
        } else if (source instanceof IdentitySource.ExternalDomainFederation f) {
            row.sourceType = "externalDomainFederation";
            row.domainName = f.domainName();
            row.displayName = f.displayName();
            row.issuerUri = f.issuerUri();
        } else if (source instanceof IdentitySource.CrossCloudAzureActiveDirectoryTenant c) {
            row.sourceType = "crossCloudAzureActiveDirectoryTenant";
            row.tenantId = UUID.fromString(c.tenantId());
            row.displayName = c.displayName();
            row.cloudInstance = c.cloudInstance();
        } else {
            throw new IllegalArgumentException("unvalidated identity source " + source);
        }
        return row;
    }

    static IdentitySource of(IdentitySourceRow row) {
        String tenant = row.tenantId == null ? null : row.tenantId.toString();
        return switch (row.sourceType) {
            case "domainIdentitySource" -> new IdentitySource.DomainIdentitySource(row.domainName, row.displayName);
            case "azureActiveDirectoryTenant" -> new IdentitySource.AzureActiveDirectoryTenant(tenant, row.displayName);
            case "externalDomainFederation" -> new IdentitySource.ExternalDomainFederation(row.domainName,
                    row.displayName, row.issuerUri);
            case "crossCloudAzureActiveDirectoryTenant" -> new IdentitySource.CrossCloudAzureActiveDirectoryTenant(
                    tenant, row.displayName, row.cloudInstance);
            default -> throw new IllegalStateException("Stored identity source has unknown type " + row.sourceType);
        };
    }

    /** What a source makes its organization the only owner of: {@code domain:<name>} or {@code tenant:<id>}. */
    static String claim(IdentitySource source) {
        if (source instanceof IdentitySource.DomainIdentitySource d) {
            return "domain:" + d.domainName();
        }
        if (source instanceof IdentitySource.ExternalDomainFederation f) {
            return "domain:" + f.domainName();
        }
        if (source instanceof IdentitySource.AzureActiveDirectoryTenant t) {
            return "tenant:" + t.tenantId();
        }
        if (source instanceof IdentitySource.CrossCloudAzureActiveDirectoryTenant c) {
            return "tenant:" + c.tenantId();
        }
        throw new IllegalArgumentException("unvalidated identity source " + source);
    }

    static String claimField(IdentitySource source) {
        return claim(source).startsWith("domain:") ? ".domainName" : ".tenantId";
    }

    private static String domain(String given, String field) {
        if (given == null || given.isBlank()) {
            throw GraphException.invalidField(field, "Property '" + field + "' is required.");
        }
        return DomainNames.canonical(given).orElseThrow(() -> GraphException.invalidField(field,
                "'" + given + "' is not a valid domain name such as contoso.com."));
    }

    private static String issuer(String given, String field) {
        String text = required(given, field, MAX_URI);
        try {
            URI uri = new URI(text);
            if (uri.isAbsolute()) {
                return text;
            }
        } catch (URISyntaxException e) {
            // refused below
        }
        throw GraphException.invalidField(field, "'" + given + "' is not an absolute URI such as "
                + "https://sts.contoso.com/adfs/services/trust.");
    }

    private static String required(String given, String field, int max) {
        if (given == null || given.isBlank()) {
            throw GraphException.invalidField(field, "Property '" + field + "' is required.");
        }
        return name(given, field, max);
    }

    private static String name(String given, String field) {
        return name(given, field, MAX_NAME);
    }

    private static String name(String given, String field, int max) {
        if (given == null) {
            return null;
        }
        String text = given.trim();
        if (text.length() > max) {
            throw GraphException.invalidField(field, "'" + field + "' is at most " + max + " characters long.");
        }
        return text;
    }
}
