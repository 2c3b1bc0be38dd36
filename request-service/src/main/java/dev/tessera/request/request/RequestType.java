package dev.tessera.request.request;

/** accessPackageRequestType; constants are the exact Graph member names. */
public enum RequestType {
    notSpecified, userAdd, userUpdate, userRemove, adminAdd, adminUpdate, adminRemove, systemAdd, systemUpdate,
    systemRemove, onBehalfAdd, unknownFutureValue;

    public boolean isRemoval() {
        return this == userRemove || this == adminRemove || this == systemRemove;
    }
}
