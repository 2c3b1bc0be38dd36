package dev.tessera.provisioning.group;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** microsoft.graph.group on the wire. */
public record GroupJson(
        UUID id,
        Instant createdDateTime,
        String description,
        String displayName,
        List<String> groupTypes,
        Boolean isAssignableToRole,
        String mail,
        boolean mailEnabled,
        String mailNickname,
        String membershipRule,
        String membershipRuleProcessingState,
        boolean securityEnabled,
        String visibility) {

    public static final String ODATA_TYPE = "#microsoft.graph.group";

    public static GroupJson of(DirectoryGroup group) {
        return new GroupJson(group.id, group.createdDateTime, group.description, group.displayName,
                group.groupTypeList(), group.assignableToRole, group.mail, group.mailEnabled, group.mailNickname,
                group.membershipRule, group.membershipRuleProcessingState, group.securityEnabled, group.visibility);
    }
}
