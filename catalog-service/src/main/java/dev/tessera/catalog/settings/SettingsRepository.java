package dev.tessera.catalog.settings;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

@ApplicationScoped
@WithSession
public class SettingsRepository implements PanacheRepositoryBase<EntitlementManagementSettings, UUID> {
}
