package dev.tessera.provisioning.user;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How invited guests are named: {@code jen_foo.com#EXT#@<tenantDomain>}, as Entra names them. */
@ConfigMapping(prefix = "tessera.directory")
public interface GuestConfig {

    /** The tenant's initial domain, the domain part of every guest's userPrincipalName. */
    @WithDefault("tessera.onmicrosoft.com")
    String tenantDomain();
}
