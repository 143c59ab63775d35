//! The city property system's (ІАС «Майно») read-only API, and the city admins' management of
//! its keys.

use chrono::{DateTime, Utc};
use poem::Result;
use poem::web::Data;
use poem_openapi::auth::ApiKey;
use poem_openapi::param::{Path, Query};
use poem_openapi::payload::Json;
use poem_openapi::{ApiResponse, Object, OpenApi, SecurityScheme};

use super::ApiTags;
use super::types::{Done, LocalizedName, MoneyText};
use crate::app::registry::{self, Entry};
use crate::auth::Auth;
use crate::domain::Money;
use crate::state::AppState;

pub struct RegistryApi;

/// A key of the city property system, in the `X-Api-Key` header.
#[derive(SecurityScheme)]
#[oai(ty = "api_key", key_name = "X-Api-Key", key_in = "header")]
pub struct RegistryKey(ApiKey);

#[derive(Debug, Object)]
pub struct ApiKeyIn {
    /// What the key is for, e.g. «ІАС Майно, production».
    pub name: String,
}

#[derive(Debug, Object)]
pub struct ApiKeyOut {
    pub id: i64,
    pub name: String,
    /// The key's first characters, to tell keys apart.
    pub prefix: String,
    pub created_at: DateTime<Utc>,
    #[oai(nullable)]
    pub last_used_at: Option<DateTime<Utc>>,
    /// Set once the key is revoked; a revoked key opens nothing.
    #[oai(nullable)]
    pub revoked_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Object)]
pub struct NewApiKeyOut {
    #[oai(flatten)]
    pub key: ApiKeyOut,
    /// The key itself: shown this once and never again.
    pub secret: String,
}

#[derive(ApiResponse)]
pub enum KeyCreated {
    #[oai(status = 201)]
    Created(Json<NewApiKeyOut>),
}

fn key_out(k: entities::api_key::Model) -> ApiKeyOut {
    ApiKeyOut {
        id: k.id,
        name: k.name,
        prefix: k.key_prefix,
        created_at: k.created_at,
        last_used_at: k.last_used_at,
        revoked_at: k.revoked_at,
    }
}

/// What the property system needs of a city: its map.
#[derive(Debug, Object)]
pub struct RegistryCity {
    pub slug: String,
    pub name: LocalizedName,
    /// The raster tile URL template the city's maps use (`{z}/{x}/{y}`).
    pub tile_url: String,
    pub map_lat: f64,
    pub map_lon: f64,
    pub map_zoom: i32,
}

#[derive(Debug, Object)]
pub struct RegistryCategory {
    pub id: i64,
    pub name: LocalizedName,
}

#[derive(Debug, Object)]
pub struct RegistryProject {
    pub id: i64,
    pub session_id: i64,
    pub title: String,
    #[oai(nullable)]
    pub category: Option<RegistryCategory>,
    #[oai(nullable)]
    pub pot_id: Option<i64>,
    #[oai(nullable)]
    pub district_id: Option<i64>,
    /// The project's budget: the total of its cost estimate, in hryvnias.
    pub budget: MoneyText,
    /// `on_moderation`, `needs_revision`, `rejected`, `admitted`, `withdrawn`, `winner`,
    /// `not_selected`, `in_progress`, `implemented` or `not_implemented`.
    pub status: String,
    /// The author's name.
    pub author: String,
    #[oai(nullable)]
    pub address: Option<String>,
    #[oai(nullable)]
    pub lat: Option<f64>,
    #[oai(nullable)]
    pub lon: Option<f64>,
    pub created_at: DateTime<Utc>,
    /// When anything of it last changed; pass the greatest seen as `updated_since` next time.
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Object)]
pub struct RegistryPage {
    pub items: Vec<RegistryProject>,
    pub total: u64,
    pub limit: u64,
    pub offset: u64,
}

fn registry_project(e: Entry) -> RegistryProject {
    let p = e.project;
    RegistryProject {
        id: p.id,
        session_id: p.budget_session_id,
        title: p.title,
        category: e.category.map(|c| RegistryCategory {
            id: c.id,
            name: LocalizedName::new(&c.name_uk, &c.name_en),
        }),
        pot_id: p.pot_id,
        district_id: p.district_id,
        budget: Money::from_minor_units(p.cost_minor).into(),
        status: e.status.code().to_owned(),
        author: e.author_name,
        address: p.address,
        lat: p.lat,
        lon: p.lon,
        created_at: p.created_at,
        updated_at: p.updated_at,
    }
}

#[OpenApi(tag = "ApiTags::Registry")]
impl RegistryApi {
    /// The city property system's keys of the city (its admins).
    #[oai(
        path = "/cities/:slug/api-keys",
        method = "get",
        operation_id = "listApiKeys"
    )]
    async fn keys(
        &self,
        state: Data<&AppState>,
        auth: Data<&Auth>,
        slug: Path<String>,
    ) -> Result<Json<Vec<ApiKeyOut>>> {
        let keys = registry::keys(&state, auth.actor(), &slug).await?;
        Ok(Json(keys.into_iter().map(key_out).collect()))
    }

    /// Makes a key for the city property system (the city's admins). The answer holds the key
    /// itself, which is not shown again.
    #[oai(
        path = "/cities/:slug/api-keys",
        method = "post",
        operation_id = "createApiKey"
    )]
    async fn create_key(
        &self,
        state: Data<&AppState>,
        auth: Data<&Auth>,
        slug: Path<String>,
        body: Json<ApiKeyIn>,
    ) -> Result<KeyCreated> {
        let made = registry::create_key(&state, auth.actor(), &slug, &body.name).await?;
        Ok(KeyCreated::Created(Json(NewApiKeyOut {
            key: key_out(made.key),
            secret: made.secret,
        })))
    }

    /// Revokes a key for good (the city's admins).
    #[oai(
        path = "/cities/:slug/api-keys/:id",
        method = "delete",
        operation_id = "revokeApiKey"
    )]
    async fn revoke_key(
        &self,
        state: Data<&AppState>,
        auth: Data<&Auth>,
        slug: Path<String>,
        id: Path<i64>,
    ) -> Result<Done> {
        registry::revoke_key(&state, auth.actor(), &slug, id.0).await?;
        Ok(Done::NoContent)
    }

    /// The city's map settings (a key of the city).
    #[oai(
        path = "/registry/cities/:slug",
        method = "get",
        operation_id = "registryCity"
    )]
    async fn city(
        &self,
        state: Data<&AppState>,
        key: RegistryKey,
        slug: Path<String>,
    ) -> Result<Json<RegistryCity>> {
        let city = registry::city(&state, &key.0.key, &slug).await?;
        Ok(Json(RegistryCity {
            name: LocalizedName::new(&city.name_uk, &city.name_en),
            slug: city.slug,
            tile_url: city.tile_url,
            map_lat: city.map_lat,
            map_lon: city.map_lon,
            map_zoom: city.map_zoom,
        }))
    }

    /// The city's projects past their draft, least recently changed first, then by id (a key of
    /// the city). For an incremental sync pass the last item's `updated_at` as `updated_since`
    /// and its `id` as `after_id`: the next page starts right after it.
    #[oai(
        path = "/registry/cities/:slug/projects",
        method = "get",
        operation_id = "registryProjects"
    )]
    #[allow(clippy::too_many_arguments)]
    async fn projects(
        &self,
        state: Data<&AppState>,
        key: RegistryKey,
        slug: Path<String>,
        updated_since: Query<Option<DateTime<Utc>>>,
        /// With `updated_since`: the id of the last project seen at that instant.
        after_id: Query<Option<i64>>,
        /// Page size, 1 to 100 (default 20).
        limit: Query<Option<u64>>,
        offset: Query<Option<u64>>,
    ) -> Result<Json<RegistryPage>> {
        let page = registry::projects(
            &state,
            &key.0.key,
            &slug,
            updated_since.0,
            after_id.0,
            limit.0,
            offset.0,
        )
        .await?;
        Ok(Json(RegistryPage {
            items: page.items.into_iter().map(registry_project).collect(),
            total: page.total,
            limit: page.limit,
            offset: page.offset,
        }))
    }
}
