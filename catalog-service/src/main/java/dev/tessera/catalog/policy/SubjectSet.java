package dev.tessera.catalog.policy;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.annotation.JsonTypeIdResolver;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Graph {@code subjectSet}: who may request, approve or review, told apart by {@code @odata.type}.
 * {@link Unknown} holds a type Tessera does not know (or none), so validation can refuse it by field.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.CUSTOM, include = JsonTypeInfo.As.PROPERTY, property = "@odata.type",
        visible = true, defaultImpl = SubjectSet.Unknown.class)
@JsonTypeIdResolver(SubjectSet.Types.class)
public sealed interface SubjectSet {

    record SingleUser(String userId, String description) implements SubjectSet {
    }

    record GroupMembers(String groupId, String description) implements SubjectSet {
    }

    /** {@code managerLevel} 1 is the requestor's direct manager. */
    record RequestorManager(Integer managerLevel) implements SubjectSet {
    }

    record ConnectedOrganizationMembers(String connectedOrganizationId, String description) implements SubjectSet {
    }

    record AttributeRuleMembers(String description, String membershipRule) implements SubjectSet {
    }

    record TargetManager(Integer managerLevel) implements SubjectSet {
    }

    record SingleServicePrincipal(String servicePrincipalId, String description) implements SubjectSet {
    }

    record InternalSponsors() implements SubjectSet {
    }

    record ExternalSponsors() implements SubjectSet {
    }

    record TargetUserSponsors() implements SubjectSet {
    }

    record TargetApplicationOwners() implements SubjectSet {
    }

    record TargetAgentIdentitySponsorsOrOwners() implements SubjectSet {
    }

    /** Never stored or written: refused by {@link PolicyRules}. */
    record Unknown(@JsonProperty("@odata.type") String odataType) implements SubjectSet {

        @JsonIgnore
        boolean typeMissing() {
            return odataType == null || odataType.isBlank();
        }
    }

    /** The subject-set subtypes by Graph type name. */
    final class Types extends ODataTypeResolver {

        static final Map<String, Class<?>> ALL = new LinkedHashMap<>();

        static {
            ALL.put("singleUser", SingleUser.class);
            ALL.put("groupMembers", GroupMembers.class);
            ALL.put("requestorManager", RequestorManager.class);
            ALL.put("connectedOrganizationMembers", ConnectedOrganizationMembers.class);
            ALL.put("attributeRuleMembers", AttributeRuleMembers.class);
            ALL.put("targetManager", TargetManager.class);
            ALL.put("singleServicePrincipal", SingleServicePrincipal.class);
            ALL.put("internalSponsors", InternalSponsors.class);
            ALL.put("externalSponsors", ExternalSponsors.class);
            ALL.put("targetUserSponsors", TargetUserSponsors.class);
            ALL.put("targetApplicationOwners", TargetApplicationOwners.class);
            ALL.put("targetAgentIdentitySponsorsOrOwners", TargetAgentIdentitySponsorsOrOwners.class);
        }

        public Types() {
            super(ALL);
        }
    }
}
