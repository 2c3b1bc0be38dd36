package dev.tessera.catalog.resource;

/** Graph {@code accessPackageRequestType}; resource requests use the {@code admin*} members only. */
public enum ResourceRequestType {
    notSpecified,
    userAdd,
    userExtend,
    userUpdate,
    userRemove,
    adminAdd,
    adminUpdate,
    adminRemove,
    systemAdd,
    systemUpdate,
    systemRemove,
    onBehalfAdd,
    unknownFutureValue
}
