-- The owners of a service principal (Graph's servicePrincipal owners): users. An owner may add the
-- application to an access-package catalog (catalog-service asks GET /servicePrincipals/{id}/owners).
create table service_principal_owner (
    service_principal_id  uuid         not null references service_principal (id) on delete cascade,
    user_id               uuid         not null references directory_user (id) on delete cascade,
    created_at            timestamptz  not null,
    primary key (service_principal_id, user_id)
);

create index service_principal_owner_user on service_principal_owner (user_id);
