//! The HTTP surface: poem-openapi handlers by resource. Handlers only translate between HTTP
//! and the `app` layer; DTOs never expose entity models.

pub mod admin;
pub mod auth;
pub mod catalog;
pub mod estimates;
pub mod me;
pub mod middleware;
pub mod system;
pub mod types;

use poem_openapi::{OpenApiService, Tags};

#[derive(Tags)]
pub enum ApiTags {
    /// Cities and their public directories.
    Cities,
    /// Budget projects.
    Projects,
    /// Exact money calculations for forms.
    Estimates,
    /// Registration, sign-in, password reset.
    Auth,
    /// The signed-in resident's own account.
    Account,
    /// Cities, staff, audit log, e-mail outbox.
    Admin,
    /// About this server.
    Meta,
}

pub type Apis = (
    catalog::CatalogApi,
    estimates::EstimatesApi,
    auth::AuthApi,
    me::MeApi,
    admin::AdminApi,
    system::MetaApi,
);

/// The OpenAPI service mounted at `/api/v1`.
pub fn service() -> OpenApiService<Apis, ()> {
    OpenApiService::new(
        (
            catalog::CatalogApi,
            estimates::EstimatesApi,
            auth::AuthApi,
            me::MeApi,
            admin::AdminApi,
            system::MetaApi,
        ),
        "hromada",
        env!("CARGO_PKG_VERSION"),
    )
    .description(
        "Participatory budgeting and voting platform. Errors are RFC 9457 \
         `application/problem+json` with a stable `code` and a message in the language of \
         `Accept-Language` (uk by default, en).",
    )
    .server("/api/v1")
}
