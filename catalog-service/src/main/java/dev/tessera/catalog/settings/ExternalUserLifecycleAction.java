package dev.tessera.catalog.settings;

/** Graph {@code accessPackageExternalUserLifecycleAction}; constants are the wire names. */
public enum ExternalUserLifecycleAction {
    none,
    blockSignIn,
    blockSignInAndDelete,
    unknownFutureValue
}
