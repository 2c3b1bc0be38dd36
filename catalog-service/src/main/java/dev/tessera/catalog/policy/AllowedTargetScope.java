package dev.tessera.catalog.policy;

/** Graph {@code allowedTargetScope}: who may be assigned through a policy. Constants are the wire names. */
public enum AllowedTargetScope {
    notSpecified,
    specificDirectoryUsers,
    specificConnectedOrganizationUsers,
    specificDirectoryServicePrincipals,
    allMemberUsers,
    allDirectoryUsers,
    allDirectoryServicePrincipals,
    allConfiguredConnectedOrganizationUsers,
    allExternalUsers,
    allDirectoryAgentIdentities,
    unknownFutureValue;

    /** The {@code specific*} scopes name their targets in {@code specificAllowedTargets}. */
    boolean namesTargets() {
        return name().startsWith("specific");
    }
}
