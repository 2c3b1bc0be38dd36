package dev.tessera.catalog.connectedorganization;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.annotation.JsonTypeIdResolver;
import dev.tessera.catalog.policy.ODataTypeResolver;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Graph {@code identitySource}: where a connected organization's users sign in, told apart by
 * {@code @odata.type}. {@link Unknown} holds a type Tessera does not take (or none), so validation
 * can refuse it by field. {@code socialIdentitySource} is not supported.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.CUSTOM, include = JsonTypeInfo.As.PROPERTY, property = "@odata.type",
        visible = true, defaultImpl = IdentitySource.Unknown.class)
@JsonTypeIdResolver(IdentitySource.Types.class)
public sealed interface IdentitySource {

    record DomainIdentitySource(String domainName, String displayName) implements IdentitySource {
    }

    record AzureActiveDirectoryTenant(String tenantId, String displayName) implements IdentitySource {
    }

    record ExternalDomainFederation(String domainName, String displayName, String issuerUri)
            implements IdentitySource {
    }

    record CrossCloudAzureActiveDirectoryTenant(String tenantId, String displayName, String cloudInstance)
            implements IdentitySource {
    }

    /** Never stored or written: refused by {@link IdentitySources}. */
    record Unknown(@JsonProperty("@odata.type") String odataType) implements IdentitySource {

        @JsonIgnore
        boolean typeMissing() {
            return odataType == null || odataType.isBlank();
        }
    }

    /** The identity-source subtypes by Graph type name. */
    final class Types extends ODataTypeResolver {

        static final Map<String, Class<?>> ALL = new LinkedHashMap<>();

        static {
            ALL.put("domainIdentitySource", DomainIdentitySource.class);
            ALL.put("azureActiveDirectoryTenant", AzureActiveDirectoryTenant.class);
            ALL.put("externalDomainFederation", ExternalDomainFederation.class);
            ALL.put("crossCloudAzureActiveDirectoryTenant", CrossCloudAzureActiveDirectoryTenant.class);
        }

        public Types() {
            super(ALL);
        }
    }
}
