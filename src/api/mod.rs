//! The HTTP surface: poem-openapi handlers by resource. Handlers only translate between HTTP
//! and the `app` layer; DTOs never expose entity models.

pub mod admin;
pub mod appeals;
pub mod auth;
pub mod catalog;
pub mod city;
pub mod elections;
pub mod endorsements;
pub mod estimates;
pub mod expertise;
pub mod geocoding;
pub mod kyiv_id;
pub mod me;
pub mod middleware;
pub mod projects;
pub mod registry;
pub mod results;
pub mod statistics;
pub mod supporters;
pub mod system;
pub mod types;
pub mod voting;

use poem_openapi::{OpenApiService, Tags};

#[derive(Tags)]
pub enum ApiTags {
    /// Cities and their public directories.
    Cities,
    /// Budget projects.
    Projects,
    /// Votes, paper ballots, results.
    Voting,
    /// Public budget commission (ГБК) elections.
    Elections,
    /// Exact money calculations for forms.
    Estimates,
    /// Registration, sign-in, password reset.
    Auth,
    /// The signed-in resident's own account.
    Account,
    /// Cities, staff, audit log, e-mail outbox.
    Admin,
    /// The city directory, budget sessions, translations and static pages.
    Directory,
    /// About this server.
    Meta,
    /// For the city property system (ІАС «Майно»): read-only, by API key.
    Registry,
}

/// poem-openapi implements `OpenApi` for tuples of up to 16: related APIs are grouped.
pub type Apis = (
    catalog::CatalogApi,
    // Nested: poem-openapi implements `OpenApi` for tuples of at most 16.
    (projects::ProjectsApi, endorsements::EndorsementsApi),
    supporters::SupportersApi,
    voting::VotingApi,
    (elections::ElectionsApi, appeals::AppealsApi),
    results::ResultsApi,
    statistics::StatisticsApi,
    // Nested: poem-openapi implements tuples of up to 16 APIs.
    (estimates::EstimatesApi, expertise::ExpertiseApi),
    auth::AuthApi,
    kyiv_id::KyivIdApi,
    me::MeApi,
    admin::AdminApi,
    city::CityApi,
    geocoding::GeocodingApi,
    registry::RegistryApi,
    system::MetaApi,
);

/// The OpenAPI service mounted at `/api/v1`.
pub fn service() -> OpenApiService<Apis, ()> {
    OpenApiService::new(
        (
            catalog::CatalogApi,
            (projects::ProjectsApi, endorsements::EndorsementsApi),
            supporters::SupportersApi,
            voting::VotingApi,
            (elections::ElectionsApi, appeals::AppealsApi),
            results::ResultsApi,
            statistics::StatisticsApi,
            (estimates::EstimatesApi, expertise::ExpertiseApi),
            auth::AuthApi,
            kyiv_id::KyivIdApi,
            me::MeApi,
            admin::AdminApi,
            city::CityApi,
            geocoding::GeocodingApi,
            registry::RegistryApi,
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

/// The `Content-Type` a client named for an upload.
pub fn declared_type(req: &poem::Request) -> Option<&str> {
    req.headers()
        .get(poem::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_openapi_document_builds_with_unique_names() {
        // poem-openapi panics on two types with one name or two operations with one id; find
        // that here, not at start-up.
        let _ = poem::IntoEndpoint::into_endpoint(super::service());
        let spec: serde_json::Value = serde_json::from_str(&super::service().spec()).unwrap();
        assert!(spec["paths"]["/cities/{slug}/sessions/current"].is_object());
    }
}
