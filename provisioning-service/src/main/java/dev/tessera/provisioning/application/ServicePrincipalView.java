package dev.tessera.provisioning.application;

import java.util.List;

/** A service principal with its app roles, in order. */
record ServicePrincipalView(ServicePrincipal principal, List<AppRole> roles) {

    ServicePrincipalJson json() {
        return ServicePrincipalJson.of(principal, roles);
    }
}
