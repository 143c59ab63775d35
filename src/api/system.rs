//! Probes, metrics and the API's own description.

use poem::http::StatusCode;
use poem::web::Data;
use poem::{IntoResponse, Response, handler};
use poem_openapi::payload::Json;
use poem_openapi::{Object, OpenApi};

use super::ApiTags;
use crate::state::AppState;

/// Liveness: the process answers. Never touches the database, so a database outage does not
/// get healthy instances killed.
#[handler]
pub fn healthz() -> &'static str {
    "ok"
}

/// Readiness: the database answers; otherwise 503 so that load balancers route elsewhere.
#[handler]
pub async fn readyz(state: Data<&AppState>) -> Response {
    match state.db.ping().await {
        Ok(()) => "ready".into_response(),
        Err(err) => {
            tracing::warn!(error = %err, "readiness check failed");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable").into_response()
        }
    }
}

/// Prometheus text exposition.
#[handler]
pub fn metrics(state: Data<&AppState>) -> Response {
    let body = state.metrics.render(crate::db::pool_stats(&state.db));
    Response::builder()
        .content_type("text/plain; version=0.0.4; charset=utf-8")
        .body(body)
}

pub struct MetaApi;

#[derive(Debug, Object)]
pub struct MetaDto {
    pub name: String,
    pub version: String,
    /// Languages the API and the web app speak; the first is the default.
    pub languages: Vec<String>,
    /// How residents can sign in on this server: `password`, and `kyiv_id` when Kyiv ID is
    /// configured. The sign-in dialog offers those that the city's current session also lists
    /// in its `registration_methods`.
    pub sign_in_methods: Vec<String>,
}

#[OpenApi]
impl MetaApi {
    /// Name, version and languages of this server.
    #[oai(
        path = "/meta",
        method = "get",
        tag = "ApiTags::Meta",
        operation_id = "getMeta"
    )]
    async fn meta(&self, state: Data<&AppState>) -> Json<MetaDto> {
        Json(MetaDto {
            name: "hromada".into(),
            version: env!("CARGO_PKG_VERSION").into(),
            languages: crate::i18n::Lang::ALL
                .iter()
                .map(|l| l.code().to_owned())
                .collect(),
            sign_in_methods: std::iter::once("password")
                .chain(state.kyiv_id.as_ref().map(|_| "kyiv_id"))
                .map(String::from)
                .collect(),
        })
    }
}
