package dev.tessera.provisioning.application;

/** An assignment with the display names a client sees next to it. */
record AppRoleAssignmentView(AppRoleAssignment assignment, String principalDisplayName,
        String resourceDisplayName) {
}
