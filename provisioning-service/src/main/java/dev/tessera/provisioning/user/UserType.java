package dev.tessera.provisioning.user;

/** Graph's {@code userType}: a string property whose values are exactly these two. */
public enum UserType {
    Member,
    Guest
}
