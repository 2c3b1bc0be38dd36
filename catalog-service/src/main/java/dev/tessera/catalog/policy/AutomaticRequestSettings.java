package dev.tessera.catalog.policy;

/** Graph {@code accessPackageAutomaticRequestSettings}; present only on auto-assignment policies. */
public record AutomaticRequestSettings(
        Boolean requestAccessForAllowedTargets,
        Boolean removeAccessWhenTargetLeavesAllowedTargets,
        String gracePeriodBeforeAccessRemoval) {
}
